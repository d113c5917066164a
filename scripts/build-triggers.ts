// Writes the triggers that src/counts/counters.ts asks for into the newest
// migrations/*_counter_rules.sql. Run by `npm run db:triggers`.
//
// A migration runs once per database, so once a counter-rules migration is deployed,
// a change of the table goes into a new one: `npx drizzle-kit generate --custom --name
// counter_rules` (an empty migration with its drizzle journal entry), then this script.
// Also needed after drizzle-kit rebuilds signatures or endorsements (a `__new_` table
// copy): the rebuild drops their triggers. test/counts/counters.test.ts fails while the
// newest file and the table disagree.
import { readdirSync, writeFileSync } from 'node:fs';
import { triggerMigration } from '../src/counts/counters.ts';

const dir = new URL('../migrations/', import.meta.url);
const newest = readdirSync(dir)
  .filter((f) => /^\d{4}_counter_rules\.sql$/.test(f))
  .sort()
  .at(-1);
if (!newest) {
  console.error('No migrations/*_counter_rules.sql: run `npx drizzle-kit generate --custom --name counter_rules` first.');
  process.exit(1);
}
writeFileSync(new URL(newest, dir), triggerMigration());
console.log(`migrations/${newest}: written from src/counts/counters.ts`);
