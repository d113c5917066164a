// The Worker tells the object which pledge it serves (the object is named after it).
export const PLEDGE_ID_HEADER = 'x-live-pledge-id';

// At most one broadcast per interval (see LiveCounts).
export const BROADCAST_INTERVAL_MS = 250;

// The pledge's live-count object: one per pledge, named after its id.
export function liveCounts(env: Pick<Env, 'LIVE'>, pledgeId: number) {
  return env.LIVE.get(env.LIVE.idFromName(`pledge:${pledgeId}`));
}

// Hands a WebSocket upgrade to the pledge's object, telling it which pledge it serves.
export function connectLive(env: Pick<Env, 'LIVE'>, pledgeId: number, request: Request): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.set(PLEDGE_ID_HEADER, String(pledgeId));
  return liveCounts(env, pledgeId).fetch(new Request(request.url, { method: 'GET', headers }));
}

// Tells the pledge's live-count object that its counts changed; it reads them and
// broadcasts, coalesced. Best effort: if the object is unavailable the pages and the
// counts API still work, and clients fall back to polling.
export async function publishCounts(env: Pick<Env, 'LIVE'>, pledgeId: number): Promise<void> {
  try {
    await liveCounts(env, pledgeId).publish(pledgeId);
  } catch (err) {
    console.warn(`live counts unavailable for pledge ${pledgeId}: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`);
  }
}
