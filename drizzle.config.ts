import { defineConfig } from 'drizzle-kit';

// Generates plain SQL migrations into migrations/, applied by `wrangler d1 migrations apply`.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/platform/db/schema.ts',
  out: './migrations',
});
