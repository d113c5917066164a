declare namespace Cloudflare {
  interface Env {
    // Test-only bindings defined in vitest.config.ts.
    TEST_MIGRATIONS: import('@cloudflare/vitest-plugin').D1Migration[];
    TEST_SEED: string[];
  }
}
