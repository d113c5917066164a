// Floor 3: the binding calls the sign path cannot avoid, and nothing else, on the same
// runtime. Sign is write-behind (the request validates and enqueues; a queue consumer
// writes to D1), so its floor is one Rate Limiting binding call (the per-IP burst
// window) and one queue send. `/insert` is the floor as it was before write-behind (the
// rate-limit call and one D1 INSERT), kept for continuity.
type Stmt = { run(): Promise<unknown>; bind(...values: unknown[]): Stmt };
type RateLimit = { limit(options: { key: string }): Promise<{ success: boolean }> };
type FloorEnv = { DB: { prepare(sql: string): Stmt }; SIGN_BURST: RateLimit; SIGN_QUEUE: { send(body: unknown, options?: { contentType?: string }): Promise<void> } };
export default {
  async fetch(request: Request, env: FloorEnv) {
    const path = new URL(request.url).pathname;
    if (path === '/setup') {
      await env.DB.prepare('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT UNIQUE, v TEXT)').run();
      return new Response('ready');
    }
    // One key per request, as the bench's sign requests each come from their own address.
    const { success } = await env.SIGN_BURST.limit({ key: request.headers.get('cf-connecting-ip') ?? crypto.randomUUID() });
    if (!success) return new Response('limited', { status: 429 });
    if (path === '/insert') await env.DB.prepare('INSERT INTO t (k, v) VALUES (?1, ?2)').bind(crypto.randomUUID(), 'x').run();
    // About the size of a sign request's message (the validated signature and its target).
    else await env.SIGN_QUEUE.send({ k: crypto.randomUUID(), v: 'x'.repeat(400) }, { contentType: 'json' });
    return new Response('ok', { status: 202 });
  },
  // The floor's consumer acknowledges each batch and does nothing else, so the queue does
  // not grow without bound; the app's consumer does the D1 work after its responses.
  async queue(batch: { ackAll(): void }) {
    batch.ackAll();
  },
};
