import path from 'node:path';

/** The compiled entry points, as an operator runs them (built by the test run's global setup). */
const root = path.join(__dirname, '..', '..');
export const BUILT = {
  root,
  server: path.join(root, 'dist', 'server', 'main.js'),
  job: path.join(root, 'dist', 'scripts', 'job.js'),
};
