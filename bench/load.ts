// A small closed-loop load generator: `concurrency` clients each send requests back to
// back over keep-alive connections. The same generator measures the floors and the app,
// so their ratio compares like with like.
import http from 'node:http';

export type Req = { method?: string; path: string; headers?: Record<string, string>; body?: string };
export type Result = { requests: number; seconds: number; rps: number; p50: number; p99: number; statuses: Record<string, number> };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function once(agent: http.Agent, port: number, req: Req): Promise<{ status: number; body: string }> {
  // A body goes with its Content-Length, as browsers and HTTP clients send it (without
  // one, Node sends it chunked, which no browser does).
  const headers = req.body === undefined ? req.headers : { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, agent, method: req.method ?? 'GET', path: req.path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    r.on('error', reject);
    if (req.body) r.write(req.body);
    r.end();
  });
}

// Runs `total` requests made by `make(i)` with `concurrency` clients.
export async function load(port: number, total: number, concurrency: number, make: (i: number) => Req, onBody?: (i: number, body: string) => void): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const res = await once(agent, port, make(i));
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        onBody?.(i, res.body);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: total, seconds, rps: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), statuses };
}

// Sends requests one at a time (no queueing to blur them) and returns each latency in ms,
// in the order made: for comparing two kinds of request interleaved.
export async function timeEach(port: number, reqs: Req[]): Promise<{ ms: number; status: number }[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out: { ms: number; status: number }[] = [];
  for (const req of reqs) {
    const t0 = performance.now();
    const res = await once(agent, port, req);
    out.push({ ms: performance.now() - t0, status: res.status });
  }
  agent.destroy();
  return out;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export { once };
