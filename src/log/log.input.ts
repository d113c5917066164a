import { z } from 'zod';
import { queryInt } from '../platform/http/query.ts';

// Query strings of the public log's JSON API (src/log/log.api.ts).
const size = (what: string) => queryInt(0, Number.MAX_SAFE_INTEGER, what);
const required = (what: string) => queryInt(0, Number.MAX_SAFE_INTEGER, what).refine((v) => v !== undefined, 'required');

export const checkpointsQuery = z.object({
  before: size('Only checkpoints of smaller trees'),
  limit: queryInt(1, 100, 'Page size, 1-100, default 100'),
});

export const entriesQuery = z
  .object({ start: size('First leaf index, default 0'), end: size('Leaf index after the last') })
  .refine((q) => q.end === undefined || q.end >= (q.start ?? 0), { message: 'invalid', path: ['end'] });

export const inclusionQuery = z
  .object({ index: required('Leaf index'), treeSize: required('Tree size, greater than index') })
  .refine((q) => q.index! < q.treeSize!, { message: 'invalid', path: ['treeSize'] });

export const consistencyQuery = z
  .object({ first: required('The older tree size'), second: required('The newer tree size, not smaller than first') })
  .refine((q) => q.second! >= q.first!, { message: 'invalid', path: ['second'] });
