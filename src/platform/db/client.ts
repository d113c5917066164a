import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.ts';

export type Db = ReturnType<typeof build>;

const build = (d1: D1Database) => drizzle(d1, { schema });
const handles = new WeakMap<D1Database, Db>();

// A drizzle handle over a D1 binding, one per binding object: building one maps the
// whole schema, which query functions on the hot path should not repeat per call.
export function db(d1: D1Database): Db {
  let handle = handles.get(d1);
  if (!handle) {
    handle = build(d1);
    handles.set(d1, handle);
  }
  return handle;
}
