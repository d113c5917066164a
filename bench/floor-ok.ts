// Floor 1: the cheapest possible Worker on the same runtime. With ?bytes=N it answers
// N bytes of HTML instead of "ok": the floor for a page of that size (the bytes cost
// something on their way through wrangler dev's proxy and the assets router).
const bodies = new Map<number, string>();

export default {
  fetch(request: Request) {
    const bytes = Number(new URL(request.url).searchParams.get('bytes') ?? 0);
    if (!(bytes > 0 && bytes <= 1_000_000)) return new Response('ok');
    let body = bodies.get(bytes);
    if (!body) {
      body = 'x'.repeat(bytes);
      bodies.set(bytes, body);
    }
    return new Response(body, { headers: { 'content-type': 'text/html; charset=UTF-8' } });
  },
};
