// Live fan-out: opens N WebSockets to /api/pledges/cast-2020/live, confirms one
// signature per round and times, from the moment the confirmation is sent, until each
// socket holds the new count. Used by `npm run bench` (at 1,000 and 10,000 sockets) and
// on its own against a running app:
//   node bench/fanout.ts --port 8787 --sockets 10000 [--rounds 5]
// Client side: the `ws` package (Node's built-in WebSocket costs several times the
// memory and CPU per socket, which at 10,000 sockets skews the timing of the client).

import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import WebSocket from 'ws';
import { once, percentile } from './load.ts';

// confirmMs: the median time for the confirmation's response; first: the median over
// rounds of the first socket's delay (the fixed part: the
// confirmation, the notification, the read); p99 - first is the sending itself.
export type Fanout = {
  sockets: number;
  opened: number;
  rounds: number;
  confirmMs: number;
  first: number;
  p50: number;
  p99: number;
  max: number;
  missing: number;
  connectSeconds: number;
  // Open files of the workerd process holding the sockets: before they opened, and per
  // open socket (measured, not assumed).
  descriptorsBefore: number | null;
  descriptorsPerSocket: number | null;
};

// Each client socket is a file descriptor here and one in the server's workerd (two in
// wrangler dev's proxy, which is why the bench connects past it: see directPort). The
// hard limit cannot be raised without privileges, so check it and say so clearly.
export function ensureFileLimit(sockets: number, perSocket = 1): void {
  const need = sockets * perSocket + 1024;
  let soft = Number.NaN;
  let hard = Number.NaN;
  try {
    soft = Number(execFileSync('sh', ['-c', 'ulimit -Sn'], { encoding: 'utf8' }).trim().replace('unlimited', 'Infinity'));
    hard = Number(execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim().replace('unlimited', 'Infinity'));
  } catch {
    return;
  }
  if (soft >= need) return;
  throw new Error(
    `open-file limit too low for ${sockets} WebSockets: soft ${soft}, hard ${hard}, need about ${need}. ` +
      (hard >= need
        ? `Run \`ulimit -n ${need}\` in this shell and start the bench again.`
        : `Raise the hard limit (e.g. /etc/security/limits.conf, or docker --ulimit nofile=${need}) or set BENCH_SOCKETS_BIG lower.`),
  );
}

function hardFileLimit(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim().replace('unlimited', 'Infinity'));
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

// workerd holds two descriptors per accepted WebSocket (each accepted connection is
// held by two file descriptors, dup'ed: `ss -tanp` lists both fds on one socket), under
// the same hard limit as this process, and fails upgrades when it runs out: the most
// sockets the app's workerd can hold on this machine, with margin. The bench measures
// the figures at 1,000 sockets and passes them in.
export function maxSocketsHere(perSocket = 2, baseline = 1000): number {
  return Math.max(0, Math.floor((hardFileLimit() - baseline - 1500) / perSocket));
}

// Whether this process may raise its hard open-file limit (root in a container
// usually may not: the limit is the container's).
function canRaiseHardLimit(to: number): boolean {
  try {
    execFileSync('sh', ['-c', `ulimit -Hn ${to}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The workerd processes' listening sockets (`ss -ltnp`): port and pid of each.
function listeningWorkerd(): { port: number; pid: number }[] {
  return execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes('"workerd"'))
    .map((l) => ({ port: Number(/:(\d+)\s/.exec(l)?.[1]), pid: Number(/pid=(\d+)/.exec(l)?.[1]) }))
    .filter((x) => x.port && x.pid);
}

// The workerd process listening on `port`, and how many files it has open.
function listenerPid(port: number): number | null {
  try {
    return listeningWorkerd().find((x) => x.port === port)?.pid ?? null;
  } catch {
    return null;
  }
}

function openFiles(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

// wrangler dev puts a proxy Worker (its own workerd process) in front of the app's
// workerd; a proxied WebSocket holds a descriptor on each side of the proxy, so 10,000
// sockets would need 20,000+ descriptors in that one process. Production has no such
// hop. This finds the app's own workerd entry port: the other workerd process in the
// proxy's process group that answers /healthz. null if it cannot be found.
export async function directPort(publicPort: number): Promise<number | null> {
  try {
    const listening = listeningWorkerd();
    const proxy = listening.find((x) => x.port === publicPort);
    if (!proxy) return null;
    const pgid = (pid: number) => execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const group = pgid(proxy.pid);
    for (const c of listening.filter((x) => x.pid !== proxy.pid && pgid(x.pid) === group)) {
      try {
        const res = await fetch(`http://127.0.0.1:${c.port}/healthz`, { signal: AbortSignal.timeout(3000) });
        if (res.status === 200) return c.port;
      } catch {}
    }
  } catch {}
  return null;
}

let ipSeq = 0;
const ip = () => `10.250.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

async function openAll(url: string, n: number, onMessage: (i: number, data: string) => void): Promise<WebSocket[]> {
  const sockets: WebSocket[] = new Array(n);
  let next = 0;
  let failed = 0;
  const reasons = new Map<string, number>();
  // At most 200 handshakes in flight: a thundering herd of 10,000 SYNs only measures the
  // listen backlog.
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (next < n) {
        const i = next++;
        await new Promise<void>((resolve) => {
          const ws = new WebSocket(url, { perMessageDeflate: false });
          ws.on('open', () => resolve());
          ws.on('unexpected-response', (_req, res) => {
            const why = `HTTP ${res.statusCode}`;
            reasons.set(why, (reasons.get(why) ?? 0) + 1);
            failed++;
            resolve();
          });
          ws.on('error', (err) => {
            const why = err.message.slice(0, 80);
            reasons.set(why, (reasons.get(why) ?? 0) + 1);
            failed++;
            resolve();
          });
          ws.on('message', (data) => onMessage(i, String(data)));
          sockets[i] = ws;
        });
      }
    }),
  );
  if (failed) console.warn(`  ! ${failed} of ${n} sockets failed to open: ${JSON.stringify(Object.fromEntries(reasons))}`);
  return sockets;
}

// port: the app (sign, confirm, outbox); wsPort: where the sockets connect (the app's
// own workerd entry, from directPort, or the same port).
export async function measureFanout(port: number, sockets: number, opts: { rounds?: number; slug?: string; run?: string; wsPort?: number } = {}): Promise<Fanout> {
  const rounds = opts.rounds ?? 5;
  const slug = opts.slug ?? 'cast-2020';
  const run = opts.run ?? Math.random().toString(36).slice(2, 8);
  const wsPort = opts.wsPort ?? port;
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
  const pid = listenerPid(wsPort);
  const descriptorsBefore = openFiles(pid);
  const connectStart = performance.now();
  const list = await openAll(`ws://127.0.0.1:${wsPort}/api/pledges/${slug}/live`, sockets, onMessage);
  const connectSeconds = (performance.now() - connectStart) / 1000;
  const open = list.filter((ws) => ws.readyState === WebSocket.OPEN).length;
  const descriptorsAfter = openFiles(pid);
  const descriptorsPerSocket = descriptorsBefore !== null && descriptorsAfter !== null && open > 0 ? (descriptorsAfter - descriptorsBefore) / open : null;
  if (descriptorsPerSocket !== null) console.log(`  the app's workerd holds ${descriptorsPerSocket.toFixed(2)} open files per socket (${descriptorsBefore} before the sockets)`);
  console.log(`  fan-out: ${open} of ${sockets} sockets open in ${connectSeconds.toFixed(1)} s`);
  // Let the first messages (the counts on connect) settle.
  await new Promise((r) => setTimeout(r, 500));

  const delays: number[] = [];
  const firsts: number[] = [];
  const confirms: number[] = [];
  let missing = 0;
  for (let round = 0; round < rounds; round++) {
    const email = `fan${sockets}-${round}-${run}@fanout.bench.example`;
    await once(agent, port, {
      method: 'POST',
      path: `/api/pledges/${slug}/signatures`,
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip() },
      body: JSON.stringify({ name: 'Fan', email, affiliation: 'U', field: 'science', region: 'CN-SH' }),
    });
    let token: string | undefined;
    // Mail may go out after the response (queued): look for it for a few seconds.
    for (let tries = 0; tries < 50 && !token; tries++) {
      const mail = (JSON.parse((await once(agent, port, { path: '/dev/outbox?limit=20' })).body) as { to: string; text: string }[]).find((m) => m.to === email);
      token = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
      if (!token) await new Promise((r) => setTimeout(r, 100));
    }
    if (!token) throw new Error(`fan-out: no confirmation mail for ${email}`);
    const before = (JSON.parse((await once(agent, port, { path: `/api/pledges/${slug}/counts`, headers: { 'cache-control': 'no-cache' } })).body) as { individuals: number })
      .individuals;
    arrived.fill(0);
    expected = before + 1;
    t0 = performance.now();
    await once(agent, port, { method: 'POST', path: '/api/signatures/confirm', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    confirms.push(performance.now() - t0);
    const until = t0 + 10_000;
    const done = () => {
      for (let i = 0; i < sockets; i++) if (!arrived[i] && list[i]?.readyState === WebSocket.OPEN) return false;
      return true;
    };
    while (!done() && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
    let late = 0;
    let first = Number.POSITIVE_INFINITY;
    for (let i = 0; i < sockets; i++) {
      if (list[i]?.readyState !== WebSocket.OPEN) continue;
      if (arrived[i]) {
        delays.push(arrived[i]! - t0);
        first = Math.min(first, arrived[i]! - t0);
      } else {
        late++;
        delays.push(10_000);
      }
    }
    if (late) console.warn(`  ! round ${round}: ${late} sockets did not get the new count within 10 s`);
    missing += late;
    if (Number.isFinite(first)) firsts.push(first);
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
  firsts.sort((a, b) => a - b);
  confirms.sort((a, b) => a - b);
  const r: Fanout = {
    sockets,
    opened: open,
    rounds,
    confirmMs: percentile(confirms, 50),
    first: percentile(firsts, 50),
    p50: percentile(delays, 50),
    p99: percentile(delays, 99),
    max: delays.at(-1) ?? 0,
    missing,
    connectSeconds,
    descriptorsBefore,
    descriptorsPerSocket,
  };
  console.log(
    `${`live fan-out (${sockets} sockets)`.padEnd(28)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(0)} ms  first socket ${r.first.toFixed(0)} ms (confirm answered in ${r.confirmMs.toFixed(0)} ms)`,
  );
  return r;
}

export const BENCH_SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
export const BENCH_SOCKETS_BIG = Number(process.env.BENCH_SOCKETS_BIG ?? 10_000);

// For `npm run bench`: the fan-out at BENCH_SOCKETS and BENCH_SOCKETS_BIG sockets (the
// latter capped to what one workerd can hold here; `wanted` records the ask).
export async function fanoutFigures(port: number, run: string): Promise<Array<Fanout & { wanted: number; direct: boolean; hardLimit: number; raisable: boolean }>> {
  const wsPort = await directPort(port);
  if (!wsPort) console.warn("  ! the app's own workerd port was not found: sockets go through wrangler dev's proxy");
  const out = [];
  let perSocket = 2;
  let baseline = 1000;
  for (const wanted of [BENCH_SOCKETS, BENCH_SOCKETS_BIG]) {
    const cap = wsPort ? maxSocketsHere(perSocket, baseline) : Math.floor(maxSocketsHere(perSocket, baseline) / 2);
    const n = Math.min(wanted, cap);
    const hardLimit = hardFileLimit();
    const raisable = canRaiseHardLimit(Math.ceil(perSocket * wanted + baseline + 1500));
    if (n < wanted)
      console.warn(
        `  ! ${wanted} sockets need about ${Math.ceil(perSocket * wanted + baseline)} open files in the app's workerd (${perSocket.toFixed(2)} per socket, measured, and ${baseline} of its own), ` +
          `and upgrades fail about 1,500 short of the hard limit (${hardLimit}${raisable ? '' : ', which ulimit -Hn cannot raise here'}): measuring ${n}`,
      );
    const f = await measureFanout(port, n, { run, wsPort: wsPort ?? port });
    if (f.descriptorsPerSocket !== null && f.descriptorsBefore !== null) {
      perSocket = Math.max(1, f.descriptorsPerSocket);
      baseline = f.descriptorsBefore;
    }
    out.push({ ...f, wanted, direct: !!wsPort, hardLimit, raisable });
  }
  return out;
}

export function fanoutLines(fanouts: Array<Fanout & { wanted: number; hardLimit?: number; raisable?: boolean }>): string[] {
  return fanouts.map(
    (f) =>
      `Live fan-out to ${f.opened} sockets${f.sockets < f.wanted ? ` (${f.wanted} asked, ${f.sockets} fit the open-file limit: the app's workerd holds ${f.descriptorsPerSocket?.toFixed(2) ?? '2'} files per socket, the hard limit is ${f.hardLimit ?? '?'}${f.raisable === false ? ', not raisable here' : ''})` : ''}${f.opened < f.sockets ? ` (${f.sockets - f.opened} failed to open)` : ''}, from sending a confirmation to the last socket holding the new count, ${f.rounds} rounds: p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms, max ${f.max.toFixed(0)} ms (first socket ${f.first.toFixed(0)} ms; the confirmation answered in ${f.confirmMs.toFixed(0)} ms)${f.missing ? `, ${f.missing} late deliveries` : ''}; sockets opened in ${f.connectSeconds.toFixed(0)} s.`,
  );
}

// Standalone: node bench/fanout.ts --port 8787 --sockets 10000
if (import.meta.main) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const port = Number(arg('--port', '8787'));
  directPort(port)
    .then((wsPort) => {
      console.log(wsPort ? `  sockets connect to the app's workerd directly on ${wsPort}` : '  ! app workerd not found: sockets go through the proxy');
      return measureFanout(port, Number(arg('--sockets', '1000')), { rounds: Number(arg('--rounds', '5')), wsPort: wsPort ?? port });
    })
    .then((r) => console.log(JSON.stringify(r)))
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
