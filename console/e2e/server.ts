import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

/** Builds the server and the console when their sources moved on (what `npm start` does). */
export function buildIfStale(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), '--if-stale', 'console'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
  output: () => string;
}

/**
 * The built server as an operator runs it, on a free port, with a fresh database and the demo data
 * (SQLite in a temporary folder unless E2E_DATABASE_URL names another, emptied database).
 */
export async function startServer(): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-e2e-'));
  const databaseUrl = process.env.E2E_DATABASE_URL || `sqlite:${path.join(dir, 'e2e.sqlite')}`;
  const proc: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist', 'server', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      SEED_DEMO: 'true',
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (c) => (out += c));
  proc.stderr?.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
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
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
