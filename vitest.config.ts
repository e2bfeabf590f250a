import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit and integration tests of core and server, and the web's component tests. End-to-end tests have their
// own config in e2e/.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration tests share one PostgreSQL server when DATABASE_URL is set; keep files in one fork pool
    // but let files run in parallel (each creates its own database or PGlite instance).
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on the 2-core CI machines, while an
    // integration file spends much of its time waiting on PostgreSQL or on I/O. Two workers there took the
    // unit and integration run (both engines) to 13.5 min from ~22.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: ['packages/web/**', '**/node_modules/**'],
          // One module graph per worker: the server (Fastify, PGlite, every context's routes) loads once per
          // worker instead of once per file, which was a third of an integration file's CPU (a sample of 15
          // files: 30.2 → 21.0 CPU-seconds, 79 → 58 s on 2 busy cores). Safe because test files keep their state
          // in what they build (one app and database each, closed in afterAll) and the server's module-level
          // memos are keyed on their full input; the shared cost is the template blob of helpers.ts.
          isolate: false,
        },
      },
      {
        // Only the web's files get a DOM (happy-dom), so the server tests do not pay for one.
        extends: true,
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.ts', 'packages/web/src/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['packages/web/src/test/setup.ts'],
          // One module graph per worker: antd and React load once instead of once per test file (the DOM,
          // storage and mocks are reset after each test in the setup file).
          isolate: false,
        },
      },
    ],
  },
});
