// Floor 3: the binding calls the sign path cannot avoid, and nothing else: one Rate
// Limiting binding call (the per-IP burst window) and one D1 INSERT, on the same runtime.
type Stmt = { run(): Promise<unknown>; bind(...values: unknown[]): Stmt };
type RateLimit = { limit(options: { key: string }): Promise<{ success: boolean }> };
export default {
  async fetch(request: Request, env: { DB: { prepare(sql: string): Stmt }; SIGN_BURST: RateLimit }) {
    if (new URL(request.url).pathname === '/setup') {
      await env.DB.prepare('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT UNIQUE, v TEXT)').run();
      return new Response('ready');
    }
    // One key per request, as the bench's sign requests each come from their own address.
    const { success } = await env.SIGN_BURST.limit({ key: request.headers.get('cf-connecting-ip') ?? crypto.randomUUID() });
    if (!success) return new Response('limited', { status: 429 });
    await env.DB.prepare('INSERT INTO t (k, v) VALUES (?1, ?2)').bind(crypto.randomUUID(), 'x').run();
    return new Response('ok', { status: 202 });
  },
};
