// The sign burst again, on a second instance of the app whose queue consumers hold their
// batches until the burst is over (bench/worker/held.ts): the sign request path alone,
// without the consumers' work on the same two cores (on Cloudflare they are separate
// invocations), and then the time for the held queues to drain. A supplement to the
// main figures (measured on the app unchanged), not a replacement.
import { BurstCheck, type DrainFigures, d1File } from './burst-check.ts';
import { startInstance } from './instance.ts';
import { load, type Req, type Result } from './load.ts';

export type HeldSign = { sign: Result; heldMessages: number; drain: DrainFigures | null };

export async function measureHeldSign(
  signatures: number,
  concurrency: number,
  signRequest: (i: number, run: string) => Req,
  port = Number(process.env.BENCH_HELD_PORT ?? 8922),
): Promise<HeldSign> {
  const app = await startInstance({ entry: 'bench/worker/held.ts', port, vars: { BENCH_HOLD_QUEUES: '1' }, readyPath: '/healthz', label: 'held' });
  const hold = async (method: 'POST' | 'DELETE') => (await (await fetch(`http://127.0.0.1:${port}/__bench/hold`, { method })).json()) as { holding: boolean; held: number };
  try {
    const run = Math.random().toString(36).slice(2, 8);
    await hold('POST');
    await load(port, 200, concurrency, (i) => signRequest(i, `hw${run}`)); // warm-up, other addresses
    const accepted = new Set<string>();
    const sign = await load(
      port,
      signatures,
      concurrency,
      (i) => signRequest(i, `h${run}`),
      (i, body) => {
        if (body.includes('"pending"')) accepted.add((JSON.parse(signRequest(i, `h${run}`).body ?? '{}') as { email: string }).email);
      },
    );
    const { held } = await hold('DELETE');
    const released = performance.now();
    let drain: DrainFigures | null = null;
    try {
      const check = new BurstCheck(d1File(app.dir), `h${run}`, accepted);
      drain = await check.drain(released);
      check.close();
    } catch (e) {
      console.warn(`  ! held sign: drain not measured: ${e instanceof Error ? e.message : e}`);
    }
    return { sign, heldMessages: held, drain };
  } finally {
    app.stop();
  }
}
