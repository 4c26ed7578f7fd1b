import { defineConfig } from 'vitest/config';

const jsonReport = process.env.VITEST_JSON;

/** Unit tests of the console's own logic (no browser): `npm test` runs them before the server's suite. */
export default defineConfig({
  root: __dirname,
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // .ci/run counts these beside jest's: it asks for the JSON report through VITEST_JSON.
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    outputFile: jsonReport ? { json: jsonReport } : undefined,
  },
});
