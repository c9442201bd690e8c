import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// Tests resolve @rubin/ra-contract to its TypeScript source through the private
// "@rubin/source" export condition, so no build is needed to test. The bundlers'
// "module" condition is left out: Node runs the tests, and packages such as the AWS
// SDK publish extensionless ESM under it that only a bundler can load.
const conditions = [...defaultServerConditions.filter((c) => c !== 'module'), '@rubin/source']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Shares two cores with the integration suite: a busy machine, not a hang, is the usual slow test.
          testTimeout: 20_000,
          include: [
            'contract/src/**/*.test.ts',
            'tools/**/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'deploy/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: { name: 'contract', include: ['contract-tests/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        // Real Redis (a private redis-server per test file), real processes: slower, fewer at a time.
        extends: true,
        test: {
          name: 'integration',
          include: ['services/*/test/**/*.int.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // A real browser (Debian's Chromium via playwright-core) against the RubinTV reference consumer.
        extends: true,
        test: {
          name: 'browser',
          include: ['services/rubintv/test/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The whole core as processes (~200 workers each): one file at a time, after the rest.
        extends: true,
        test: {
          name: 'system',
          include: ['tools/*/test/**/*.int.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
