import type { Hono } from 'hono';

// 405 support: Hono answers an unmatched method with 404. Given the app's route table,
// this tells which methods a path does accept, so the not-found handler can answer
// 405 with an Allow header instead.
type Route = { method: string; path: string };

function compile(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${pattern}/?$`);
}

export function allowedMethods(app: Pick<Hono, 'routes'>): (path: string) => string[] {
  let table: { re: RegExp; method: string }[] | undefined;
  return (path) => {
    table ??= (app.routes as Route[]).filter((r) => r.method !== 'ALL' && !r.path.endsWith('*')).map((r) => ({ re: compile(r.path), method: r.method }));
    const methods = new Set(table.filter((r) => r.re.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
