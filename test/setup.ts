import { applyD1Migrations, env } from 'cloudflare:test';

// Every test file starts from a migrated, seeded database (both steps are idempotent).
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await env.DB.batch(env.TEST_SEED.map((sql) => env.DB.prepare(sql)));
