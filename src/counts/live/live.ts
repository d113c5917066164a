// The Worker tells the object which pledge it serves (the object is named after it).
export const PLEDGE_ID_HEADER = 'x-live-pledge-id';
// And, for a relay, which of the pledge's relays it is.
export const RELAY_HEADER = 'x-live-relay';

// At most one broadcast per interval (see LiveCounts).
export const BROADCAST_INTERVAL_MS = 250;

// How many relay objects share a pledge's sockets (LIVE_RELAYS overrides; 0 means the
// pledge's own object holds every socket). Each relay holds about 1/N of the sockets, so
// one broadcast is N objects each sending to their share, in parallel in production.
export const DEFAULT_RELAYS = 8;
const MAX_RELAYS = 64;

export function relayCount(env: object): number {
  const raw = (env as { LIVE_RELAYS?: string }).LIVE_RELAYS;
  const n = raw === undefined || raw === '' ? DEFAULT_RELAYS : Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? Math.min(n, MAX_RELAYS) : DEFAULT_RELAYS;
}

// The pledge's live-count object (the hub): one per pledge, named after its id. It reads
// the counts and fans each broadcast out to the pledge's relays.
export function liveCounts(env: Pick<Env, 'LIVE'>, pledgeId: number) {
  return env.LIVE.get(env.LIVE.idFromName(`pledge:${pledgeId}`));
}

// Relay k of a pledge: the same class, named apart; it holds a share of the sockets.
export function liveRelay(env: Pick<Env, 'LIVE'>, pledgeId: number, k: number) {
  return env.LIVE.get(env.LIVE.idFromName(`pledge:${pledgeId}:relay:${k}`));
}

// A socket's relay: a hash (FNV-1a) of its Sec-WebSocket-Key, which the browser picks at
// random per connection, so sockets spread evenly; without one, a random relay.
export function relayFor(request: Request, relays: number): number {
  const key = request.headers.get('sec-websocket-key');
  if (!key) return Math.floor(Math.random() * relays);
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % relays;
}

// Hands a WebSocket upgrade to one of the pledge's relays (or to the pledge's object when
// relays are off), telling it which pledge it serves.
export function connectLive(env: Pick<Env, 'LIVE'>, pledgeId: number, request: Request): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.set(PLEDGE_ID_HEADER, String(pledgeId));
  const relays = relayCount(env);
  if (relays === 0) return liveCounts(env, pledgeId).fetch(new Request(request.url, { method: 'GET', headers }));
  const k = relayFor(request, relays);
  headers.set(RELAY_HEADER, String(k));
  return liveRelay(env, pledgeId, k).fetch(new Request(request.url, { method: 'GET', headers }));
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
