#!/usr/bin/env node
/**
 * Runs the compiled server, building it first when `dist/` is missing or older than any source it
 * is built from, so a fresh checkout needs only `npm install && npm start`.
 *
 *   node scripts/start.js              the server (dist/server/main.js)
 *   node scripts/start.js job <name>   one job by hand (dist/scripts/job.js)
 *   node scripts/start.js migrate      migrations only (dist/scripts/migrate.js)
 *   node scripts/start.js --build      build and exit
 *   node scripts/start.js --if-stale   build only when dist/ is missing or stale, and exit
 *
 * A deployment that ships a built `dist/` runs `node dist/server/main.js` directly.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const SOURCES = [
  'server',
  'migrations',
  'scripts/job.ts',
  'scripts/migrate.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];
const ENTRIES = { server: 'server/main.js', job: 'scripts/job.js', migrate: 'scripts/migrate.js' };

function newestSource() {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of SOURCES) visit(path.join(root, p));
  return newest;
}

function builtAt() {
  try {
    return fs.statSync(stamp).mtimeMs;
  } catch {
    return -1;
  }
}

function build() {
  process.stderr.write('building the server into dist/\n');
  // From scratch, so a source that was removed leaves nothing behind.
  fs.rmSync(dist, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

const [command = 'server', ...rest] = process.argv.slice(2);
if (command === '--build') {
  build();
} else if (command === '--if-stale') {
  if (builtAt() < newestSource()) build();
} else {
  const entry = ENTRIES[command];
  if (!entry) {
    process.stderr.write(
      `usage: node scripts/start.js [${Object.keys(ENTRIES).join('|')}|--build|--if-stale] [args]\n`,
    );
    process.exit(64);
  }
  if (builtAt() < newestSource()) build();
  process.argv = [process.argv[0], path.join(dist, entry), ...rest];
  require(path.join(dist, entry));
}
