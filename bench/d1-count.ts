// D1 round trips per request on the hot paths and D1 write transactions per confirmed
// signature, counted by instrumenting the binding (bench/worker/counted.ts: the app with
// env.DB wrapped, enabled by BENCH_COUNT_D1=1), not estimated. Runs its own instance of
// the app, so the throughput figures are measured on the app unchanged. Standalone:
//   node bench/d1-count.ts [--port 8921]
import http from 'node:http';
import { startInstance } from './instance.ts';
import { load, once } from './load.ts';

export type D1Tally = { roundTrips: number; prepares: number; statements: number; batches: number; writeTx: number; outboxWriteTx: number };
export type PathCount = { requests: number; roundTrips: number; maxRoundTrips: number; writeTx: number; outboxWriteTx: number };
export type D1Figures = {
  paths: Record<string, PathCount>;
  confirmed: number;
  perConfirmed: {
    writeTx: number;
    writeTxWithoutOutbox: number;
    // Of writeTxWithoutOutbox: the sign requests and the signature queue's consumer (rows,
    // links, mail-ledger entries), then the confirm requests.
    signWriteTx: number;
    confirmWriteTx: number;
    roundTrips: number;
    statements: number;
  };
  concurrency: number;
  settleMs: number;
};

const HEADER = 'x-bench-d1';

export function parseTally(header: string | undefined | null): D1Tally | null {
  if (!header) return null;
  const v = Object.fromEntries(header.split(';').map((p) => p.trim().split('=') as [string, string]));
  return {
    roundTrips: Number(v.rt),
    prepares: Number(v.prepare),
    statements: Number(v.statements),
    batches: Number(v.batches),
    writeTx: Number(v['write-tx']),
    outboxWriteTx: Number(v['outbox-write-tx']),
  };
}

function request(
  agent: http.Agent,
  port: number,
  req: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; tally: D1Tally | null }> {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, agent, method: req.method ?? 'GET', path: req.path, headers: req.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, tally: parseTally(res.headers[HEADER] as string | undefined) }));
    });
    r.on('error', reject);
    if (req.body) r.write(req.body);
    r.end();
  });
}

let ipSeq = 0;
const ip = () => `10.251.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;
const json = { 'content-type': 'application/json' };
const signReq = (email: string) => ({
  method: 'POST',
  path: '/api/pledges/cast-2020/signatures',
  headers: { ...json, 'cf-connecting-ip': ip() },
  body: JSON.stringify({ name: 'Counted', email, affiliation: 'Count University', field: 'science', region: 'CN-BJ' }),
});

async function tokensFor(agent: http.Agent, port: number, emails: string[]): Promise<string[]> {
  const want = new Set(emails);
  const found = new Map<string, string>();
  // Mail may be sent after the response (a queue): look for a while.
  for (let tries = 0; tries < 100 && found.size < want.size; tries++) {
    const outbox = JSON.parse((await once(agent, port, { path: `/dev/outbox?limit=${Math.min(10_000, emails.length + 500)}` })).body) as { to: string; text: string }[];
    for (const m of outbox) {
      const t = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(m.text)?.[1];
      if (want.has(m.to) && t) found.set(m.to, t);
    }
    if (found.size < want.size) await new Promise((r) => setTimeout(r, 200));
  }
  if (found.size < want.size) console.warn(`  ! d1 count: ${want.size - found.size} confirmation mails missing`);
  return emails.map((e) => found.get(e)).filter((t): t is string => !!t);
}

// Mean D1 round trips (and write transactions) on the response path of `n` requests.
async function perRequest(agent: http.Agent, port: number, n: number, make: (i: number) => Parameters<typeof request>[2]): Promise<PathCount> {
  const out: PathCount = { requests: 0, roundTrips: 0, maxRoundTrips: 0, writeTx: 0, outboxWriteTx: 0 };
  for (let i = 0; i < n; i++) {
    const r = await request(agent, port, make(i));
    if (!r.tally) throw new Error(`no ${HEADER} header: is BENCH_COUNT_D1 set? (status ${r.status})`);
    out.requests++;
    out.roundTrips += r.tally.roundTrips;
    out.maxRoundTrips = Math.max(out.maxRoundTrips, r.tally.roundTrips);
    out.writeTx += r.tally.writeTx;
    out.outboxWriteTx += r.tally.outboxWriteTx;
  }
  return { ...out, roundTrips: out.roundTrips / n, writeTx: out.writeTx / n, outboxWriteTx: out.outboxWriteTx / n };
}

const totals = async (agent: http.Agent, port: number) => JSON.parse((await once(agent, port, { path: '/__bench/d1' })).body) as D1Tally;

// Against an app started from bench/worker/counted.ts with BENCH_COUNT_D1=1.
export async function countD1(port: number, opts: { samples?: number; signatures?: number; concurrency?: number } = {}): Promise<D1Figures> {
  const samples = opts.samples ?? 20;
  const signatures = opts.signatures ?? Number(process.env.BENCH_D1_SIGNATURES ?? 1000);
  const run = Math.random().toString(36).slice(2, 8);
  const agent = new http.Agent({ keepAlive: true });
  // Warm the isolate (its read cache) as the throughput phases do.
  for (let i = 0; i < 3; i++) {
    await request(agent, port, { path: '/p/cast-2020', headers: { 'accept-language': 'zh-CN' } });
    await request(agent, port, { path: '/api/pledges/cast-2020/counts' });
  }
  const paths: Record<string, PathCount> = {};
  paths['pledge page'] = await perRequest(agent, port, samples, () => ({ path: '/p/cast-2020', headers: { 'accept-language': 'zh-CN' } }));
  paths['counts API'] = await perRequest(agent, port, samples, () => ({ path: '/api/pledges/cast-2020/counts' }));
  const emails = Array.from({ length: samples }, (_, i) => `c${i}-${run}@d${i}.count.example`);
  paths['JSON sign'] = await perRequest(agent, port, samples, (i) => signReq(emails[i]!));
  const tokens = await tokensFor(agent, port, emails);
  paths['confirm'] = await perRequest(agent, port, tokens.length, (i) => ({
    method: 'POST',
    path: '/api/signatures/confirm',
    headers: json,
    body: JSON.stringify({ token: tokens[i] }),
  }));

  // Write transactions per confirmed signature, under load: everything D1 did on the whole
  // path (sign requests, the signature queue's consumer writing rows, links and
  // mail-ledger entries, the mail queue's consumer, confirm requests, work after the
  // responses) between a reset and the moment the totals settle.
  const flow = Array.from({ length: signatures }, (_, i) => `f${i}-${run}@d${i % 50}.count.example`);
  await once(agent, port, { method: 'DELETE', path: '/__bench/d1' });
  const c = opts.concurrency ?? Number(process.env.BENCH_CONCURRENCY ?? 32);
  await load(port, signatures, c, (i) => signReq(flow[i]!));
  const afterSign = await totals(agent, port);
  const flowTokens = await tokensFor(agent, port, flow);
  const beforeConfirm = await totals(agent, port);
  await load(port, flowTokens.length, c, (i) => ({ method: 'POST', path: '/api/signatures/confirm', headers: json, body: JSON.stringify({ token: flowTokens[i] }) }));
  // Settled: no new write for 2 s (batched writers flush after the responses).
  const started = performance.now();
  let last = await totals(agent, port);
  let stableSince = performance.now();
  while (performance.now() - stableSince < 2000 && performance.now() - started < 120_000) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await totals(agent, port);
    if (now.writeTx !== last.writeTx || now.statements !== last.statements) stableSince = performance.now();
    last = now;
  }
  agent.destroy();
  // The outbox reads the bench makes to find the tokens are reads: no writes, and their
  // round trips are left out (the window between afterSign and beforeConfirm).
  const n = flowTokens.length || 1;
  const figures: D1Figures = {
    paths,
    confirmed: flowTokens.length,
    perConfirmed: {
      writeTx: last.writeTx / n,
      writeTxWithoutOutbox: (last.writeTx - last.outboxWriteTx) / n,
      signWriteTx: (beforeConfirm.writeTx - beforeConfirm.outboxWriteTx) / n,
      confirmWriteTx: (last.writeTx - last.outboxWriteTx - (beforeConfirm.writeTx - beforeConfirm.outboxWriteTx)) / n,
      roundTrips: (afterSign.roundTrips + last.roundTrips - beforeConfirm.roundTrips) / n,
      statements: last.statements / n,
    },
    settleMs: stableSince - started,
    concurrency: c,
  };
  for (const [name, p] of Object.entries(paths)) {
    console.log(
      `  D1 per request, ${name.padEnd(12)} ${p.roundTrips.toFixed(2)} round trips (max ${p.maxRoundTrips}), ${p.writeTx.toFixed(2)} write tx (${p.outboxWriteTx.toFixed(2)} dev outbox)`,
    );
  }
  console.log(
    `  D1 per confirmed signature (${flowTokens.length} signed + confirmed, ${c} clients): ${figures.perConfirmed.writeTx.toFixed(2)} write tx, ${figures.perConfirmed.writeTxWithoutOutbox.toFixed(2)} without the dev outbox (sign and its consumer ${figures.perConfirmed.signWriteTx.toFixed(2)}, confirm ${figures.perConfirmed.confirmWriteTx.toFixed(2)})`,
  );
  return figures;
}

// Starts the counted app on `port` (bench/instance.ts), runs countD1,
// stops it.
export async function measureD1(port = Number(process.env.BENCH_D1_PORT ?? 8921)): Promise<D1Figures> {
  const app = await startInstance({ entry: 'bench/worker/counted.ts', port, vars: { BENCH_COUNT_D1: '1' }, readyPath: '/__bench/d1', label: 'd1' });
  try {
    return await countD1(port);
  } finally {
    app.stop();
  }
}

if (import.meta.main) {
  const i = process.argv.indexOf('--port');
  measureD1(i >= 0 ? Number(process.argv[i + 1]) : undefined)
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });
}

// The BENCH.md lines for these figures.
export function d1Lines(d1: D1Figures | null): string[] {
  if (!d1) return ['D1 counts: not measured (the counted instance failed; see the console).'];
  return [
    '| D1 per request (counted on the binding) | round trips | max | write tx | of which dev outbox |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(d1.paths).map(([name, p]) => `| ${name} | ${p.roundTrips.toFixed(2)} | ${p.maxRoundTrips} | ${p.writeTx.toFixed(2)} | ${p.outboxWriteTx.toFixed(2)} |`),
    '',
    `D1 per confirmed signature (${d1.confirmed} signed and confirmed by ${d1.concurrency} clients; the whole path: sign requests, the signature queue's consumer with the mail ledger, the mail queue's consumer, confirm requests, until D1 settled): **${d1.perConfirmed.writeTxWithoutOutbox.toFixed(2)} write transactions** (sign and its consumer ${d1.perConfirmed.signWriteTx.toFixed(2)}, confirm ${d1.perConfirmed.confirmWriteTx.toFixed(2)}), ${d1.perConfirmed.writeTx.toFixed(2)} with the development mail outbox; ${d1.perConfirmed.roundTrips.toFixed(2)} round trips, ${d1.perConfirmed.statements.toFixed(2)} statements.`,
  ];
}
