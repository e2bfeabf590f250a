import { defineConfig } from 'vitest/config';

// Unit and integration tests of core and server. End-to-end tests have their own config in e2e/.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration tests share one PostgreSQL server when DATABASE_URL is set; keep files in one fork pool
    // but let files run in parallel (each creates its own database or PGlite instance).
    pool: 'forks',
  },
});
