// Floor 2: a Worker doing exactly one D1 INSERT per request, on the same runtime.
type Stmt = { run(): Promise<unknown>; bind(...values: unknown[]): Stmt };
export default {
  async fetch(request: Request, env: { DB: { prepare(sql: string): Stmt } }) {
    if (new URL(request.url).pathname === '/setup') {
      await env.DB.prepare('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT UNIQUE, v TEXT)').run();
      return new Response('ready');
    }
    await env.DB.prepare('INSERT INTO t (k, v) VALUES (?1, ?2)').bind(crypto.randomUUID(), 'x').run();
    return new Response('ok');
  },
};
