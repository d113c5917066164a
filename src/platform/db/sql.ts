// Constants written into SQL text (states, metric names): `state IN (${sqlList(COUNTED)})`.
// Only plain lower-case words are accepted, so the result never needs escaping and a
// value that is not a constant fails loudly instead of reaching the statement.
const WORD = /^[a-z][a-z_]*$/;

export function sqlText(value: string): string {
  if (!WORD.test(value)) throw new Error(`not a SQL constant: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

export function sqlList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('an empty SQL list');
  return values.map(sqlText).join(', ');
}
