import { readFileSync } from 'node:fs';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Two projects: "workers" runs inside workerd against a real local D1 (migrations and
// the seed applied by test/setup.ts); "node" runs what must run outside the Worker:
// the content scripts and the real-browser end-to-end tests.
const migrations = await readD1Migrations('./migrations');
const seed = readFileSync('./seed/cast-2020.sql', 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.replace(/^--[^\n]*\n/gm, '').trim())
  .filter(Boolean);

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                TEST_SEED: seed,
                ADMIN_TOKEN: 'test-admin-token',
                SESSION_SECRET: 'test-session-secret',
                IP_HASH_SECRET: 'test-ip-secret',
                MAIL_TRANSPORT: 'dev',
                PUBLIC_URL: 'http://localhost:8787',
                TURNSTILE_SECRET: '',
                // Tests change rows directly and read back at once: no read cache (its own test sets one).
                READ_CACHE_MS: '0',
                // Test-only Ed25519 seed for log checkpoints.
                LOG_SIGNING_KEY: 'TpDQK9D/3P9jHKplprBhk0HOcpMPY8D7Gof+TNEEiqQ=',
              },
            },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**', 'test/node/**'],
          setupFiles: ['./test/setup.ts'],
          // Property, fuzz and concurrency tests do real work on a shared 2-core machine.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'node',
          include: ['test/e2e/**/*.test.ts', 'test/node/**/*.test.ts'],
          environment: 'node',
          // One app server (wrangler dev on a free port, fresh local D1) for all e2e files.
          globalSetup: ['./test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
