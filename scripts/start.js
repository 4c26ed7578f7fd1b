#!/usr/bin/env node
/**
 * Runs the compiled server, building it first when `dist/` is missing or older than any source it
 * is built from, so a fresh checkout needs only `npm install && npm start`. The staff console
 * (`console/`, served at /console/) is built the same way into `console/dist/` before the server starts.
 *
 *   node scripts/start.js              the server (dist/server/main.js), console built if stale
 *   node scripts/start.js job <name>   one job by hand (dist/scripts/job.js)
 *   node scripts/start.js migrate      migrations only (dist/scripts/migrate.js)
 *   node scripts/start.js --build      build the server and the console, and exit
 *   node scripts/start.js --if-stale   build the server only when dist/ is missing or stale, and exit
 *   node scripts/start.js --if-stale console   the same for the server and the console
 *
 * A deployment that ships a built `dist/` and `console/dist/` runs `node dist/server/main.js` directly.
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
// The console: its sources, and the package versions its build depends on.
const consoleDist = path.join(root, 'console', 'dist');
const consoleStamp = path.join(consoleDist, '.build-stamp');
const CONSOLE_SOURCES = ['console/index.html', 'console/src', 'console/vite.config.ts', 'package-lock.json'];
const ENTRIES = { server: 'server/main.js', job: 'scripts/job.js', migrate: 'scripts/migrate.js' };

function newestSource(sources = SOURCES) {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of sources) visit(path.join(root, p));
  return newest;
}

function builtAt(file = stamp) {
  try {
    return fs.statSync(file).mtimeMs;
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

/**
 * Builds the console with Vite into console/dist/. Vite is a development dependency: an install
 * without them (`npm ci --omit=dev`) cannot build it, and the server then says the console is missing.
 */
function buildConsole() {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) {
    process.stderr.write('console not built: vite is not installed (npm install without --omit=dev)\n');
    return;
  }
  process.stderr.write('building the console into console/dist/\n');
  execFileSync(process.execPath, [vite, 'build', '--config', path.join(root, 'console', 'vite.config.ts')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  fs.writeFileSync(consoleStamp, `${new Date().toISOString()}\n`);
}

function consoleIfStale() {
  if (builtAt(consoleStamp) < newestSource(CONSOLE_SOURCES)) buildConsole();
}

const [command = 'server', ...rest] = process.argv.slice(2);
if (command === '--build') {
  build();
  buildConsole();
} else if (command === '--if-stale') {
  if (builtAt() < newestSource()) build();
  if (rest[0] === 'console') consoleIfStale();
} else {
  const entry = ENTRIES[command];
  if (!entry) {
    process.stderr.write(
      `usage: node scripts/start.js [${Object.keys(ENTRIES).join('|')}|--build|--if-stale] [args]\n`,
    );
    process.exit(64);
  }
  if (builtAt() < newestSource()) build();
  if (command === 'server') {
    try {
      consoleIfStale();
    } catch {
      // The API does not depend on the console: start anyway; /console/ says it was not built.
      process.stderr.write('the console failed to build (see above); starting the server without it\n');
    }
  }
  process.argv = [process.argv[0], path.join(dist, entry), ...rest];
  require(path.join(dist, entry));
}
