// Where a hot path spends its CPU: attaches to a running app's inspector (wrangler dev
// --inspector-port), samples the Worker's isolate while the bench's load generator
// sends one kind of request, and prints the functions by self and by inclusive share.
// Samples cover the Worker's own isolate only (not the local D1 or the Durable
// Objects, which run in other isolates of the same process).
//   node scripts/start.ts --port 8930 --persist-to /tmp/p --inspector-port 9340
//   node bench/profile.ts --inspector 9340 --port 8930 --path counts|page|sign|confirm|floor [--requests 2000]
import WebSocket from 'ws';
import { load, type Req } from './load.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const port = Number(arg('--port', '8787'));
const kind = arg('--path', 'counts');
const requests = Number(arg('--requests', '2000'));

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };

let ipSeq = 0;
const ip = () => `10.252.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;
const run = Math.random().toString(36).slice(2, 8);
const signReq = (i: number): Req => ({
  method: 'POST',
  path: '/api/pledges/cast-2020/signatures',
  headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip() },
  body: JSON.stringify({ name: `Profiled ${i}`, email: `p${i}-${run}@d${i % 500}.bench.example`, affiliation: 'Bench University', field: 'science', region: 'CN-BJ' }),
});

async function requestsFor(): Promise<(i: number) => Req> {
  // A floor Worker (bench/*.toml): each request to / does that floor's work once.
  if (kind === 'floor') return () => ({ path: '/' });
  if (kind === 'counts') return () => ({ path: '/api/pledges/cast-2020/counts' });
  if (kind === 'page') return () => ({ path: '/p/cast-2020', headers: { 'accept-language': 'zh-CN' } });
  if (kind === 'sign') return signReq;
  if (kind !== 'confirm') throw new Error(`--path: counts, page, sign, confirm or floor, not ${kind}`);
  // Sign first, then confirm each from its mail in the dev outbox.
  await load(port, requests, 32, signReq);
  await new Promise((r) => setTimeout(r, 3000));
  const outbox = (await (await fetch(`http://127.0.0.1:${port}/dev/outbox?limit=${requests + 100}`)).json()) as { to: string; text: string }[];
  const tokens = outbox
    .filter((m) => m.to.includes(`-${run}@`))
    .map((m) => /\/confirm\/([A-Za-z0-9_-]{43})/.exec(m.text)?.[1])
    .filter((t): t is string => !!t);
  return (i) => ({ method: 'POST', path: '/api/signatures/confirm', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokens[i % tokens.length] }) });
}

async function main() {
  const make = await requestsFor();
  if (kind !== 'confirm') await load(port, 200, 32, make); // warm-up
  const ws = new WebSocket(`ws://127.0.0.1:${arg('--inspector', '9229')}/ws`);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  let id = 0;
  const waiting = new Map<number, (v: { result?: { profile?: { nodes: Node[] } } }) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as { id?: number; result?: { profile?: { nodes: Node[] } } };
    if (m.id) waiting.get(m.id)?.(m);
  });
  const call = (method: string, params = {}) =>
    new Promise<{ result?: { profile?: { nodes: Node[] } } }>((resolve) => {
      waiting.set(++id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 200 });
  await call('Profiler.start');
  const r = await load(port, requests, 32, make);
  const nodes = (await call('Profiler.stop')).result?.profile?.nodes ?? [];
  ws.close();
  console.log(`${kind}: ${r.rps.toFixed(0)} req/s while profiled, statuses ${JSON.stringify(r.statuses)}`);
  const name = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-1)[0]}:${n.callFrame.lineNumber}`;
  const total = nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const parent = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const n of nodes) {
    const hits = n.hitCount ?? 0;
    self.set(name(n), (self.get(name(n)) ?? 0) + hits);
    const seen = new Set<string>();
    for (let cur: Node | undefined = n; cur; cur = byId.get(parent.get(cur.id) ?? -1)) {
      if (seen.has(name(cur))) continue;
      seen.add(name(cur));
      inclusive.set(name(cur), (inclusive.get(name(cur)) ?? 0) + hits);
    }
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log('\nself time:');
  for (const [k, v] of top(self, 30)) console.log(`${((100 * v) / total).toFixed(1).padStart(6)}%  ${k}`);
  console.log('\ninclusive time:');
  for (const [k, v] of top(inclusive, 40)) console.log(`${((100 * v) / total).toFixed(1).padStart(6)}%  ${k}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
