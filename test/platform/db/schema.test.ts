import { env } from 'cloudflare:test';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../src/platform/db/schema.ts';

// The migrations are partly hand-written (triggers, and columns added beside drizzle-kit),
// so the drizzle schema can fall behind them: a column drizzle does not know cannot be
// read or written through it, and a later `drizzle-kit generate` would diff against a
// wrong picture. This compares the schema with the database the migrations build.
const defined = new Map(
  (Object.values(schema) as unknown[])
    .filter((v): v is SQLiteTable => v instanceof SQLiteTable)
    .map((t) => {
      const c = getTableConfig(t);
      return [c.name, c.columns.map((col) => ({ name: col.name, notNull: col.notNull, primary: col.primary }))] as const;
    }),
);

async function migratedTables(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' ORDER BY name`,
  ).all<{ name: string }>();
  return results.map((r) => r.name);
}

describe('the drizzle schema and the migrations agree', () => {
  it('declares every table the migrations create, and no other', async () => {
    const tables = await migratedTables();
    expect(tables.length).toBeGreaterThan(10);
    expect([...defined.keys()].sort()).toEqual(tables);
  });

  it('declares every column with the same name and nullability', async () => {
    const differences: string[] = [];
    for (const table of await migratedTables()) {
      const { results } = await env.DB.prepare(`SELECT name, "notnull" AS required, pk FROM pragma_table_info(?1)`)
        .bind(table)
        .all<{ name: string; required: number; pk: number }>();
      const declared = defined.get(table) ?? [];
      for (const col of results) {
        const d = declared.find((x) => x.name === col.name);
        if (!d) differences.push(`${table}.${col.name}: in the database, not in the schema`);
        // SQLite reports NOT NULL only where it was written; a primary key column is not null anyway.
        else if (Boolean(col.required) !== d.notNull && !(col.pk > 0))
          differences.push(`${table}.${col.name}: not null ${Boolean(col.required)} in the database, ${d.notNull} in the schema`);
      }
      for (const d of declared) if (!results.some((c) => c.name === d.name)) differences.push(`${table}.${d.name}: in the schema, not in the database`);
    }
    expect(differences).toEqual([]);
  });
});
