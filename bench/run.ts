// `npm run bench`: measures the app against the platform's floor on this machine, in
// one run with one load generator, and prints requests/s, p50/p99 latency and ratios.
// Writes bench-results/latest.json and refreshes the figures in BENCH.md.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BurstCheck, burstLines, type DrainFigures, d1File, type Exactness } from './burst-check.ts';
import { type D1Figures, d1Lines, measureD1 } from './d1-count.ts';
import { fanoutFigures, fanoutLines } from './fanout.ts';
import { type HeldSign, measureHeldSign } from './held-sign.ts';
import { load, median, once, type Result, timeEach } from './load.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SIGNATURES = Number(process.env.BENCH_SIGNATURES ?? 3000);
const TIMING_PAIRS = Number(process.env.BENCH_TIMING_PAIRS ?? 200);
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' };
const children: ChildProcess[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'pledge-bench-'));

function start(args: string[], cmd = 'npx'): ChildProcess {
  const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
  child.on('exit', (code) => code && code !== 0 && !stopping && console.error(`${args.join(' ')} exited ${code}\n${err}`));
  children.push(child);
  return child;
}
let stopping = false;
function stopAll() {
  stopping = true;
  for (const c of children) {
    try {
      process.kill(-c.pid!, 'SIGTERM');
    } catch {}
  }
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function ready(port: number, path = '/', timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server on ${port} not ready`);
}

const fmt = (r: Result) => `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms`;
const okOnly = (r: Result, name: string) => {
  const bad = Object.entries(r.statuses).filter(([s]) => !s.startsWith('2'));
  if (bad.length) console.warn(`  ! ${name}: non-2xx statuses ${JSON.stringify(r.statuses)}`);
};

let ipSeq = 0;
const ip = () => `10.${(++ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
const signBody = (i: number, run: string) =>
  JSON.stringify({ name: `Bench ${i}`, email: `b${i}-${run}@d${i % 500}.bench.example`, affiliation: 'Bench University', field: 'science', region: 'CN-BJ' });

async function main() {
  const [pOk, pIns, pApp, pSignFloor, pOkAssets, pConfirmFloor] = [8911, 8912, 8913, 8914, 8915, 8916];
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`);
  console.log('starting the floors and the app (wrangler dev, request logging off)...');
  // One at a time, each with its own inspector port: wrangler dev instances started
  // together can race for the same local sockets.
  start(['wrangler', 'dev', '--config', 'bench/wrangler.floor-ok.toml', '--port', String(pOk), '--ip', '127.0.0.1', '--inspector-port', '9331', '--log-level', 'error']);
  await ready(pOk);
  start([
    'wrangler',
    'dev',
    '--config',
    'bench/wrangler.floor-ok-assets.toml',
    '--port',
    String(pOkAssets),
    '--ip',
    '127.0.0.1',
    '--inspector-port',
    '9335',
    '--log-level',
    'error',
  ]);
  await ready(pOkAssets, '/p/x');
  start([
    'wrangler',
    'dev',
    '--config',
    'bench/wrangler.floor-insert.toml',
    '--port',
    String(pIns),
    '--ip',
    '127.0.0.1',
    '--inspector-port',
    '9332',
    '--log-level',
    'error',
    '--persist-to',
    join(tmp, 'floor'),
  ]);
  await ready(pIns, '/setup');
  start([
    'wrangler',
    'dev',
    '--config',
    'bench/wrangler.floor-sign.toml',
    '--port',
    String(pSignFloor),
    '--ip',
    '127.0.0.1',
    '--inspector-port',
    '9334',
    '--log-level',
    'error',
    '--persist-to',
    join(tmp, 'floor-sign'),
  ]);
  await ready(pSignFloor, '/setup');
  // The confirm floor runs on the app's schema: migrated and seeded like `npm start` does.
  const confirmFloorDir = join(tmp, 'floor-confirm');
  for (const args of [
    ['d1', 'migrations', 'apply', 'DB', '--local'],
    ['d1', 'execute', 'DB', '--local', '--file', 'seed/cast-2020.sql'],
  ]) {
    const r = spawnSync('npx', ['wrangler', ...args, '--config', 'bench/wrangler.floor-confirm.toml', '--persist-to', confirmFloorDir], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`confirm floor: wrangler ${args.slice(0, 2).join(' ')} failed\n${r.stderr.slice(-2000)}`);
  }
  start([
    'wrangler',
    'dev',
    '--config',
    'bench/wrangler.floor-confirm.toml',
    '--port',
    String(pConfirmFloor),
    '--ip',
    '127.0.0.1',
    '--inspector-port',
    '9336',
    '--log-level',
    'error',
    '--persist-to',
    confirmFloorDir,
  ]);
  // Four measurements of 3,000 (each after a warm-up of 200) confirm one signature each.
  await ready(pConfirmFloor, '/setup?n=13000');
  start(
    [
      'scripts/start.ts',
      '--port',
      String(pApp),
      '--persist-to',
      join(tmp, 'app'),
      '--inspector-port',
      '9333',
      '--log-level',
      'error',
      '--var',
      `PUBLIC_URL:http://127.0.0.1:${pApp}`,
    ],
    process.execPath,
  );
  await ready(pApp, '/healthz', 300_000);

  const results: Record<string, Result & { ratio?: number; floor?: string }> = {};
  const measure = async (name: string, port: number, total: number, make: Parameters<typeof load>[3], onBody?: Parameters<typeof load>[4], warm = true) => {
    if (warm) await load(port, Math.min(200, total), CONCURRENCY, make); // warm-up
    const r = await load(port, total, CONCURRENCY, make, onBody);
    okOnly(r, name);
    results[name] = r;
    console.log(`${name.padEnd(28)} ${fmt(r)}`);
    return r;
  };

  // The floors are measured twice, before the app and again after it, and each ratio
  // takes the mean of the two passes: the machine's speed drifts during a run (the
  // floors moved by up to 40% between runs), and measuring the floors only first
  // biased every ratio by that drift.
  const floorPass = async (again: string) => {
    const ok = await measure(`floor: bare "ok"${again}`, pOk, 5000, () => ({ path: '/' }));
    // The same Worker behind the app's static-assets router, on a path like the hot ones.
    const okAssets = await measure(`floor: "ok" behind assets${again}`, pOkAssets, 5000, () => ({ path: '/p/x' }));
    const insert = await measure(`floor: one D1 INSERT${again}`, pIns, 3000, () => ({ path: '/' }));
    // Confirm's own floor: the app's confirm use case without the request layer (its
    // statements committed together, as the app does), then the same with each statement
    // sent alone (bench/worker/floor-confirm.ts).
    const confirmUseCase = await measure(`floor: confirm use case${again}`, pConfirmFloor, 3000, () => ({ path: '/' }));
    const confirmAlone = await measure(`floor: confirm, one tx each${again}`, pConfirmFloor, 3000, () => ({ path: '/alone' }));
    // The next design step's response path: the digests and one read of the link, the
    // row write left to a consumer (write-behind, as signing does).
    const confirmRead = await measure(`floor: confirm as a read${again}`, pConfirmFloor, 3000, () => ({ path: '/read' }));
    // The sign path's own floor: what sign does before answering now (write-behind).
    const sign = await measure(`floor: rate limit + queue send${again}`, pSignFloor, 3000, () => ({ path: '/', headers: { 'cf-connecting-ip': ip() } }));
    // The same floor before write-behind (rate limit + INSERT), kept for continuity.
    const signInsert = await measure(`floor: rate limit + INSERT${again}`, pSignFloor, 3000, () => ({ path: '/insert', headers: { 'cf-connecting-ip': ip() } }));
    return { ok, okAssets, insert, confirmUseCase, confirmAlone, confirmRead, sign, signInsert };
  };
  const firstFloors = await floorPass('');
  const counts = await measure('app: counts API', pApp, 5000, () => ({ path: '/api/pledges/cast-2020/counts' }));
  const page = await measure('app: pledge page', pApp, 2000, () => ({ path: '/p/cast-2020', headers: { 'accept-language': 'zh-CN' } }));
  // The same Worker answering as many bytes as that page, behind the assets router: the
  // most a page of this size can reach here.
  const zhPage = Buffer.byteLength(await (await fetch(`http://127.0.0.1:${pApp}/p/cast-2020`, { headers: { 'accept-language': 'zh-CN' } })).text());
  const firstPageSized = await measure('floor: page-sized, assets', pOkAssets, 2000, () => ({ path: `/p/x?bytes=${zhPage}` }));

  // Sign, then confirm every signature: the confirmed-signatures-per-second figure.
  const run = Math.random().toString(36).slice(2, 8);
  const json = { 'content-type': 'application/json' };
  await load(pApp, 100, CONCURRENCY, (i) => ({
    method: 'POST',
    path: '/api/pledges/cast-2020/signatures',
    headers: { ...json, 'cf-connecting-ip': ip() },
    body: signBody(i, `w${run}`),
  }));
  // The burst: SIGNATURES new addresses, each sent once (the warm-up above used others),
  // so every 202 must become exactly one row and one confirmation mail.
  const accepted = new Set<string>();
  const sign = await measure(
    'app: JSON sign',
    pApp,
    SIGNATURES,
    (i) => ({
      method: 'POST',
      path: '/api/pledges/cast-2020/signatures',
      headers: { ...json, 'cf-connecting-ip': ip() },
      body: signBody(i, run),
    }),
    (i, body) => {
      if (body.includes('"pending"')) accepted.add((JSON.parse(signBody(i, run)) as { email: string }).email);
    },
    false,
  );
  const burstEnded = performance.now();
  // Write-behind: time until the signature queue's consumer has written every accepted
  // signature, and the mail queue's consumer has sent every confirmation.
  let check: BurstCheck | null = null;
  let drain: DrainFigures | null = null;
  try {
    check = new BurstCheck(d1File(join(tmp, 'app')), run, accepted);
    drain = await check.drain(burstEnded);
    const s = (v: number | null) => (v === null ? 'not within 5 min' : `${v.toFixed(1)} s`);
    console.log(`  queues drained after the burst of ${accepted.size}: rows in D1 ${s(drain.signDrainSeconds)}, confirmation mails ${s(drain.mailDrainSeconds)}`);
  } catch (err) {
    console.warn(`  ! burst check unavailable: ${err instanceof Error ? err.message : err}`);
  }
  const drainStart = performance.now();
  let tokens: string[] = [];
  for (let i = 0; i < 600 && tokens.length < SIGNATURES; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 250));
    const outbox = JSON.parse((await once(new (await import('node:http')).Agent(), pApp, { path: `/dev/outbox?limit=${SIGNATURES + 300}` })).body) as {
      to: string;
      text: string;
    }[];
    tokens = outbox
      .filter((m) => m.to.includes(`-${run}@`))
      .map((m) => /\/confirm\/([A-Za-z0-9_-]{43})/.exec(m.text)?.[1])
      .filter((t): t is string => !!t);
  }
  console.log(`  found ${tokens.length} confirmation tokens in the outbox in ${((performance.now() - drainStart) / 1000).toFixed(1)} s more`);
  if (tokens.length !== SIGNATURES) console.warn(`  ! found ${tokens.length} confirmation tokens for ${SIGNATURES} signatures`);
  const confirm = await load(pApp, tokens.length, CONCURRENCY, (i) => ({
    method: 'POST',
    path: '/api/signatures/confirm',
    headers: json,
    body: JSON.stringify({ token: tokens[i] }),
  }));
  okOnly(confirm, 'confirm');
  results['app: confirm'] = confirm;
  console.log(`${'app: confirm'.padEnd(28)} ${fmt(confirm)}`);
  // Exactness: every 202 one row and one mail; confirmed rows, counter and counts API agree.
  let exact: Exactness | null = null;
  if (check) {
    exact = await check
      .exactness(confirm.statuses['200'] ?? 0, 'cast-2020', async () => {
        const res = await fetch(`http://127.0.0.1:${pApp}/api/pledges/cast-2020/counts`);
        return ((await res.json()) as { individuals: number }).individuals;
      })
      .catch((err) => {
        console.warn(`  ! exactness check failed to run: ${err instanceof Error ? err.message : err}`);
        return null;
      });
    check.close();
    if (exact)
      console.log(
        exact.ok
          ? `  exactness after the burst: passed (${exact.accepted} accepted, ${exact.rows} rows, ${exact.mailed} mails, ${exact.confirmedRows} confirmed; counter ${exact.counter} = counts API ${exact.countsApi} = rows ${exact.counterRows})`
          : `  ! EXACTNESS FAILED: ${exact.problems.join('; ')}`,
      );
  }
  const flowSeconds = sign.seconds + confirm.seconds;
  const confirmedPerSecond = tokens.length / flowSeconds;
  console.log(`${'app: sign + confirm'.padEnd(28)} ${confirmedPerSecond.toFixed(0).padStart(6)} confirmed signatures/s`);

  // Who signed must not show in response times (issue 13, item 12): new addresses and
  // addresses that already signed (confirmed above), interleaved, one request at a time.
  const timing = await measureNewVsDuplicate(pApp, run, tokens.length);

  // Live fan-out at 1,000 and 10,000 open WebSockets (bench/fanout.ts).
  const fanouts = await fanoutFigures(pApp, run);

  // The sign request path alone: a second instance whose queue consumers hold their
  // batches until the burst is over (bench/held-sign.ts), then drain.
  const held: HeldSign | null = await measureHeldSign(SIGNATURES, CONCURRENCY, (i, r) => ({
    method: 'POST',
    path: '/api/pledges/cast-2020/signatures',
    headers: { ...json, 'cf-connecting-ip': ip() },
    body: signBody(i, r),
  })).catch((err) => {
    console.warn(`  ! held sign failed: ${err instanceof Error ? err.message : err}`);
    return null;
  });
  if (held) {
    results['app: JSON sign, consumers held'] = held.sign;
    okOnly(held.sign, 'held sign');
    const s = (v: number | null | undefined) => (v === null || v === undefined ? 'not within 5 min' : `${v.toFixed(1)} s`);
    console.log(`${'app: JSON sign, held queues'.padEnd(28)} ${fmt(held.sign)}`);
    console.log(
      `  ${held.heldMessages} messages held during the burst; after release: rows in D1 ${s(held.drain?.signDrainSeconds)}, confirmation mails ${s(held.drain?.mailDrainSeconds)}`,
    );
  }

  // The floors again, and the mean of both passes for every ratio.
  console.log('the floors again, after the app:');
  const secondFloors = await floorPass(' (again)');
  const secondPageSized = await measure('floor: page-sized, assets (again)', pOkAssets, 2000, () => ({ path: `/p/x?bytes=${zhPage}` }));
  const mean = (a: Result, b: Result) => ({ rps: (a.rps + b.rps) / 2 });
  const floor = Object.fromEntries(Object.entries(firstFloors).map(([k, v]) => [k, mean(v, secondFloors[k as keyof typeof secondFloors])])) as Record<
    keyof typeof firstFloors,
    { rps: number }
  >;
  const floorPageSized = mean(firstPageSized, secondPageSized);

  // Weight of the pledge page's first response.
  const html = await (await fetch(`http://127.0.0.1:${pApp}/p/cast-2020`)).text();
  const pageBytes = { raw: Buffer.byteLength(html), gzip: gzipSync(html, { level: 6 }).length };
  console.log(`pledge page first response: ${pageBytes.raw} B raw, ${pageBytes.gzip} B gzip (budget 14,336)`);

  const bundle = bundleSize();
  // D1 calls counted on an instrumented instance of the app (bench/d1-count.ts).
  const d1: D1Figures | null = await measureD1().catch((err) => (console.warn(`  ! D1 count failed: ${err instanceof Error ? err.message : err}`), null));
  const ratios = {
    signVsInsertFloor: sign.rps / floor.insert.rps,
    signVsSignFloor: sign.rps / floor.sign.rps,
    signVsInsertSignFloor: sign.rps / floor.signInsert.rps,
    confirmVsInsertFloor: confirm.rps / floor.insert.rps,
    // What the request layer costs confirm, and what its use case costs against one INSERT.
    confirmVsConfirmFloor: confirm.rps / floor.confirmUseCase.rps,
    confirmFloorVsInsertFloor: floor.confirmUseCase.rps / floor.insert.rps,
    confirmAloneFloorVsInsertFloor: floor.confirmAlone.rps / floor.insert.rps,
    confirmReadFloorVsInsertFloor: floor.confirmRead.rps / floor.insert.rps,
    signPlusConfirmVsInsertFloor: confirmedPerSecond / floor.insert.rps,
    countsVsOkFloor: counts.rps / floor.ok.rps,
    pageVsOkFloor: page.rps / floor.ok.rps,
    // The ceiling any route of a Worker with static assets has under wrangler dev, and
    // the two hot reads against it.
    assetsRouterVsOkFloor: floor.okAssets.rps / floor.ok.rps,
    countsVsAssetsFloor: counts.rps / floor.okAssets.rps,
    pageVsAssetsFloor: page.rps / floor.okAssets.rps,
    pageSizedFloorVsOkFloor: floorPageSized.rps / floor.ok.rps,
    pageVsPageSizedFloor: page.rps / floorPageSized.rps,
    // The sign request path with the consumers' work held off the cores (bench/held-sign.ts).
    signHeldVsSignFloor: held ? held.sign.rps / floor.sign.rps : Number.NaN,
    signHeldVsInsertFloor: held ? held.sign.rps / floor.insert.rps : Number.NaN,
  };
  console.log('\nratios to the floor (same run, same generator):');
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(30)} ${v.toFixed(2)}`);

  const targets = [
    ['sign + confirm >= 333 confirmed/s', confirmedPerSecond >= 333, `${confirmedPerSecond.toFixed(0)}/s`],
    ['sign p99 < 250 ms', sign.p99 < 250, `${sign.p99.toFixed(0)} ms`],
    ['confirm p99 < 250 ms', confirm.p99 < 250, `${confirm.p99.toFixed(0)} ms`],
    ['sign >= 0.7 of the INSERT floor', ratios.signVsInsertFloor >= 0.7, ratios.signVsInsertFloor.toFixed(2)],
    ['counts API >= 0.8 of the "ok" floor', ratios.countsVsOkFloor >= 0.8, ratios.countsVsOkFloor.toFixed(2)],
    ...fanouts.map((f) => [`fan-out to ${f.opened} sockets p99 < 1 s`, f.p99 < 1000, `${f.p99.toFixed(0)} ms`] as const),
    ['sign >= 0.8 of its binding floor', ratios.signVsSignFloor >= 0.8, ratios.signVsSignFloor.toFixed(2)],
    ['sign >= 0.5 of the one-INSERT floor', ratios.signVsInsertFloor >= 0.5, ratios.signVsInsertFloor.toFixed(2)],
    ['confirm >= 0.8 of the one-INSERT floor', ratios.confirmVsInsertFloor >= 0.8, ratios.confirmVsInsertFloor.toFixed(2)],
    // Whether that target is reachable at all: the use case alone, without HTTP.
    ['confirm use case alone >= 0.8 of the one-INSERT floor', ratios.confirmFloorVsInsertFloor >= 0.8, ratios.confirmFloorVsInsertFloor.toFixed(2)],
    ['confirm >= 0.8 of its use case alone', ratios.confirmVsConfirmFloor >= 0.8, ratios.confirmVsConfirmFloor.toFixed(2)],
    ['pledge page >= 0.8 of the "ok" floor', ratios.pageVsOkFloor >= 0.8, ratios.pageVsOkFloor.toFixed(2)],
    ['counts API >= 0.9 of the "ok" floor', ratios.countsVsOkFloor >= 0.9, ratios.countsVsOkFloor.toFixed(2)],
    // The same two targets against the most a Worker with static assets reaches here.
    ['pledge page >= 0.8 of "ok" behind assets', ratios.pageVsAssetsFloor >= 0.8, ratios.pageVsAssetsFloor.toFixed(2)],
    ['counts API >= 0.9 of "ok" behind assets', ratios.countsVsAssetsFloor >= 0.9, ratios.countsVsAssetsFloor.toFixed(2)],
    ['sign, consumers held, >= 0.8 of its binding floor', ratios.signHeldVsSignFloor >= 0.8, ratios.signHeldVsSignFloor.toFixed(2)],
    ['sign, consumers held, >= 0.5 of the one-INSERT floor', ratios.signHeldVsInsertFloor >= 0.5, ratios.signHeldVsInsertFloor.toFixed(2)],
    ['pledge page >= 0.8 of a page-sized "ok" behind assets', ratios.pageVsPageSizedFloor >= 0.8, ratios.pageVsPageSizedFloor.toFixed(2)],
    ['D1 write tx per confirmed signature <= 1.1', d1 !== null && d1.perConfirmed.writeTxWithoutOutbox <= 1.1, d1 ? d1.perConfirmed.writeTxWithoutOutbox.toFixed(2) : 'n/a'],
    ['every 202 one row and one mail; counts = rows', exact?.ok === true, exact ? (exact.ok ? 'exact' : exact.problems.join('; ')) : 'not checked'],
    ['pledge page <= 14 KB gzip', pageBytes.gzip <= 14_336, `${pageBytes.gzip} B`],
    ['bundle <= 1 MB gzip', bundle.gzipKiB !== null && bundle.gzipKiB <= 1024, bundle.gzipKiB === null ? 'n/a' : `${bundle.gzipKiB} KiB`],
  ] as const;
  console.log('\ntargets:');
  for (const [name, met, value] of targets) console.log(`  ${met ? 'met    ' : 'NOT MET'} ${name}: ${value}`);

  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? '',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeGiB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
  const out = {
    machine,
    concurrency: CONCURRENCY,
    results,
    confirmedPerSecond,
    timing,
    drain,
    exact,
    fanouts,
    held: held ? { heldMessages: held.heldMessages, drain: held.drain } : null,
    d1,
    pageBytes,
    bundle,
    ratios,
    targets: targets.map(([name, met, value]) => ({ name, met, value })),
  };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.json', `${JSON.stringify(out, null, 2)}\n`);
  writeBenchMd(out);
  console.log('\nwrote bench-results/latest.json and BENCH.md');
  // A burst that lost or duplicated anything fails the run.
  if (!exact?.ok) {
    console.error(exact ? `exactness check FAILED: ${exact.problems.join('; ')}` : 'exactness check did not run');
    process.exitCode = 1;
  }
}

async function measureNewVsDuplicate(port: number, run: string, known: number) {
  const json = { 'content-type': 'application/json' };
  const reqs = Array.from({ length: TIMING_PAIRS * 2 }, (_, k) => {
    const i = k >> 1;
    // Even: a new address; odd: one of the signatures confirmed above (same body shape).
    const body = k % 2 === 0 ? signBody(i, `t${run}`) : signBody(i % Math.max(1, known), run);
    return { method: 'POST', path: '/api/pledges/cast-2020/signatures', headers: { ...json, 'cf-connecting-ip': ip() }, body };
  });
  await timeEach(
    port,
    reqs.slice(0, 20).map((r) => ({ ...r, body: r.body.replace(/@/, 'w@') })),
  ); // warm-up, other addresses
  const times = await timeEach(port, reqs);
  const bad = times.filter((t) => t.status !== 202).length;
  if (bad) console.warn(`  ! new vs duplicate: ${bad} answers were not 202`);
  const fresh = times.filter((_, k) => k % 2 === 0).map((t) => t.ms);
  const dup = times.filter((_, k) => k % 2 === 1).map((t) => t.ms);
  const r = { pairs: TIMING_PAIRS, newMedianMs: median(fresh), duplicateMedianMs: median(dup), differenceMs: median(dup) - median(fresh) };
  console.log(
    `${'sign: new vs duplicate'.padEnd(28)} median ${r.newMedianMs.toFixed(2)} ms vs ${r.duplicateMedianMs.toFixed(2)} ms (difference ${r.differenceMs.toFixed(2)} ms, ${TIMING_PAIRS} interleaved pairs)`,
  );
  return r;
}

function bundleSize(): { totalKiB: number | null; gzipKiB: number | null } {
  const r = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', join(tmp, 'dist')], { env, encoding: 'utf8' });
  const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(`${r.stdout}${r.stderr}`);
  const out = { totalKiB: m ? Number(m[1]) : null, gzipKiB: m ? Number(m[2]) : null };
  console.log(`worker bundle: ${out.totalKiB ?? '?'} KiB, ${out.gzipKiB ?? '?'} KiB gzip (free plan limit 3 MB)`);
  return out;
}

function writeBenchMd(out: Record<string, unknown> & { machine: Record<string, unknown> }) {
  const path = 'BENCH.md';
  let md: string;
  try {
    md = readFileSync(path, 'utf8');
  } catch {
    md = '# Benchmark\n\n<!-- figures:start -->\n<!-- figures:end -->\n';
  }
  const r = out.results as Record<string, Result>;
  const rows = Object.entries(r).map(([name, x]) => `| ${name} | ${x.rps.toFixed(0)} | ${x.p50.toFixed(1)} | ${x.p99.toFixed(1)} |`);
  const m = out.machine;
  const block = [
    '<!-- figures:start -->',
    `Latest run: ${m.date}, ${m.cpus} x ${m.model}, ${m.memoryGiB} GiB, Node ${m.node}, concurrency ${out.concurrency}.`,
    '',
    '| measurement | req/s | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Sign + confirm: **${(out.confirmedPerSecond as number).toFixed(0)} confirmed signatures/s**.`,
    '',
    ...fanoutLines(out.fanouts as Parameters<typeof fanoutLines>[0]),
    '',
    ...d1Lines(out.d1 as D1Figures | null),
    '',
    ...burstLines(out.drain as DrainFigures | null, out.exact as Exactness | null),
    '',
    `Sign answers, new vs duplicate address (${(out.timing as { pairs: number }).pairs} interleaved pairs, one at a time): median ${(out.timing as { newMedianMs: number }).newMedianMs.toFixed(2)} ms vs ${(out.timing as { duplicateMedianMs: number }).duplicateMedianMs.toFixed(2)} ms.`,
    `Pledge page first response: ${(out.pageBytes as { raw: number }).raw} B raw, ${(out.pageBytes as { gzip: number }).gzip} B gzip. Worker bundle: ${(out.bundle as { gzipKiB: number | null }).gzipKiB ?? '?'} KiB gzip.`,
    '',
    '| ratio (same run; each floor the mean of its two passes) | value |',
    '| --- | ---: |',
    ...Object.entries(out.ratios as Record<string, number>).map(([k, v]) => `| ${k} | ${v.toFixed(2)} |`),
    '',
    '| target | met | value |',
    '| --- | --- | ---: |',
    ...(out.targets as { name: string; met: boolean; value: string }[]).map((t) => `| ${t.name} | ${t.met ? 'yes' : '**no**'} | ${t.value} |`),
    '<!-- figures:end -->',
  ].join('\n');
  md = md.replace(/<!-- figures:start -->[\s\S]*<!-- figures:end -->/, block);
  writeFileSync(path, md);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    stopAll();
    rmSync(tmp, { recursive: true, force: true });
  });
