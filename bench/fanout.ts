// Live fan-out: opens N WebSockets to /api/pledges/cast-2020/live, confirms one
// signature per round and times, from the moment the confirmation is sent, until each
// socket holds the new count. Used by `npm run bench` (at 1,000 and 10,000 sockets) and
// on its own against a running app:
//   node bench/fanout.ts --port 8787 --sockets 10000 [--rounds 5]
// Client side: the `ws` package (Node's built-in WebSocket costs several times the
// memory and CPU per socket, which at 10,000 sockets skews the timing of the client).
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import WebSocket from 'ws';
import { once, percentile } from './load.ts';

export type Fanout = { sockets: number; opened: number; rounds: number; p50: number; p99: number; max: number; missing: number; connectSeconds: number };

// 10,000 client sockets need as many file descriptors here, and the server side (workerd
// behind wrangler's proxy) about twice as many: check the limit and raise the soft one
// up to the hard one where it is too low.
export function ensureFileLimit(sockets: number): void {
  const need = sockets * 2 + 1024;
  let soft = Number.NaN;
  let hard = Number.NaN;
  try {
    soft = Number(execFileSync('sh', ['-c', 'ulimit -Sn'], { encoding: 'utf8' }).trim());
    hard = Number(execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim().replace('unlimited', 'Infinity'));
  } catch {
    return;
  }
  if (soft >= need) return;
  throw new Error(
    `open-file limit too low for ${sockets} WebSockets: soft ${soft}, hard ${hard}, need about ${need} (client and server sockets). ` +
      (hard >= need ? `Run \`ulimit -n ${need}\` in this shell and start the bench again.` : `Raise the hard limit (e.g. in /etc/security/limits.conf) to at least ${need}, or set BENCH_SOCKETS_BIG lower.`),
  );
}

let ipSeq = 0;
const ip = () => `10.250.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

async function openAll(url: string, n: number, onMessage: (i: number, data: string) => void): Promise<WebSocket[]> {
  const sockets: WebSocket[] = new Array(n);
  let next = 0;
  let failed = 0;
  // At most 200 handshakes in flight: a thundering herd of 10,000 SYNs only measures the
  // listen backlog.
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (next < n) {
        const i = next++;
        await new Promise<void>((resolve) => {
          const ws = new WebSocket(url, { perMessageDeflate: false });
          ws.on('open', () => resolve());
          ws.on('error', () => {
            failed++;
            resolve();
          });
          ws.on('message', (data) => onMessage(i, String(data)));
          sockets[i] = ws;
        });
      }
    }),
  );
  if (failed) console.warn(`  ! ${failed} of ${n} sockets failed to open`);
  return sockets;
}

export async function measureFanout(port: number, sockets: number, opts: { rounds?: number; slug?: string; run?: string } = {}): Promise<Fanout> {
  const rounds = opts.rounds ?? 5;
  const slug = opts.slug ?? 'cast-2020';
  const run = opts.run ?? Math.random().toString(36).slice(2, 8);
  ensureFileLimit(sockets);
  const agent = new http.Agent({ keepAlive: true });
  let expected = Number.POSITIVE_INFINITY;
  let t0 = 0;
  const arrived = new Float64Array(sockets);
  const onMessage = (i: number, data: string) => {
    if (arrived[i] || data === 'pong') return;
    const m = JSON.parse(data) as { type: string; individuals: number };
    if (m.type === 'counts' && m.individuals >= expected) arrived[i] = performance.now();
  };
  const connectStart = performance.now();
  const list = await openAll(`ws://127.0.0.1:${port}/api/pledges/${slug}/live`, sockets, onMessage);
  const connectSeconds = (performance.now() - connectStart) / 1000;
  const open = list.filter((ws) => ws.readyState === WebSocket.OPEN).length;
  console.log(`  fan-out: ${open} of ${sockets} sockets open in ${connectSeconds.toFixed(1)} s`);
  // Let the first messages (the counts on connect) settle.
  await new Promise((r) => setTimeout(r, 500));

  const delays: number[] = [];
  let missing = 0;
  for (let round = 0; round < rounds; round++) {
    const email = `fan${sockets}-${round}-${run}@fanout.bench.example`;
    await once(agent, port, { method: 'POST', path: `/api/pledges/${slug}/signatures`, headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip() }, body: JSON.stringify({ name: 'Fan', email, affiliation: 'U', field: 'science', region: 'CN-SH' }) });
    let token: string | undefined;
    // Mail may go out after the response (queued): look for it for a few seconds.
    for (let tries = 0; tries < 50 && !token; tries++) {
      const mail = (JSON.parse((await once(agent, port, { path: '/dev/outbox?limit=20' })).body) as { to: string; text: string }[]).find((m) => m.to === email);
      token = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
      if (!token) await new Promise((r) => setTimeout(r, 100));
    }
    if (!token) throw new Error(`fan-out: no confirmation mail for ${email}`);
    const before = (JSON.parse((await once(agent, port, { path: `/api/pledges/${slug}/counts`, headers: { 'cache-control': 'no-cache' } })).body) as { individuals: number }).individuals;
    arrived.fill(0);
    expected = before + 1;
    t0 = performance.now();
    await once(agent, port, { method: 'POST', path: '/api/signatures/confirm', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const until = t0 + 10_000;
    const done = () => {
      for (let i = 0; i < sockets; i++) if (!arrived[i] && list[i]?.readyState === WebSocket.OPEN) return false;
      return true;
    };
    while (!done() && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
    let late = 0;
    for (let i = 0; i < sockets; i++) {
      if (list[i]?.readyState !== WebSocket.OPEN) continue;
      if (arrived[i]) delays.push(arrived[i]! - t0);
      else {
        late++;
        delays.push(10_000);
      }
    }
    if (late) console.warn(`  ! round ${round}: ${late} sockets did not get the new count within 10 s`);
    missing += late;
    expected = Number.POSITIVE_INFINITY;
    // Past the coalescing interval, so each round's broadcast is its own.
    await new Promise((r) => setTimeout(r, 600));
  }
  await Promise.all(
    list.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.close();
          setTimeout(() => {
            ws.terminate();
            resolve();
          }, 2000);
        }),
    ),
  );
  agent.destroy();
  delays.sort((a, b) => a - b);
  const r: Fanout = { sockets, opened: open, rounds, p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1) ?? 0, missing, connectSeconds };
  console.log(`${`live fan-out (${sockets} sockets)`.padEnd(28)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(0)} ms`);
  return r;
}

// Standalone: node bench/fanout.ts --port 8787 --sockets 10000
if (import.meta.main) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  measureFanout(Number(arg('--port', '8787')), Number(arg('--sockets', '1000')), { rounds: Number(arg('--rounds', '5')) })
    .then((r) => console.log(JSON.stringify(r)))
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
