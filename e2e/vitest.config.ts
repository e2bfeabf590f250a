import path from 'node:path';
import { defineConfig } from 'vitest/config';

// End-to-end tests: the built web app and the real server (child process, embedded database, demo city)
// driven in Debian's Chromium. One file at a time: each starts its own server and browser.
export default defineConfig({
  root: path.resolve(import.meta.dirname, '..'),
  test: {
    include: ['e2e/tests/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
