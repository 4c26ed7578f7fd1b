import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { openTestDatabase, testDatabaseUrl } from './database';
import { BUILT } from './built';

/** The server as an operator runs it (`node dist/server/main.js`): a real process on a real port. */
export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code when the process ends, for whatever reason. */
  exited: Promise<number | null>;
  /** True until the process has exited. */
  alive: () => boolean;
  /** SIGTERM, then the exit code; removes the database files it was given. */
  stop: () => Promise<number | null>;
}

/** Prepares (creates, migrates, empties) a test database and starts the server process on it. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const url = testDatabaseUrl();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-proc-'));
  const db = await openTestDatabase(loadConfig({ DATABASE_URL: url }).database);
  await db.close();
  const cleanup = () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (url.startsWith('sqlite:'))
      fs.rmSync(path.dirname(url.slice('sqlite:'.length)), { recursive: true, force: true });
  };

  const proc = spawn(process.execPath, [BUILT.server], {
    cwd: path.join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      SCHEDULER_ENABLED: 'false',
      SEED_DEMO: 'false',
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let running = true;
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 25_000);
    const poll = setInterval(() => {
      const m = /"msg":"listening","port":(\d+)/.exec(out);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}\n${err}`));
    });
  });
  return {
    proc,
    port,
    stdout: () => out,
    stderr: () => err,
    exited,
    alive: () => running,
    stop: async () => {
      if (running) proc.kill('SIGTERM');
      const code = await exited;
      cleanup();
      return code;
    },
  };
}
