import { DurableObject } from 'cloudflare:workers';
import { db } from '../../platform/db/client.ts';
import { type Counts, getCounts } from '../../pledges/counters.queries.ts';
import { BROADCAST_INTERVAL_MS, liveCounts, liveRelay, PLEDGE_ID_HEADER, RELAY_HEADER } from './live.ts';

export type CountsMessage = { type: 'counts'; individuals: number; societies: number; updatedAt: number };

// Broadcasts are coalesced: however fast counts change, at most one message per
// BROADCAST_INTERVAL_MS goes out. Each broadcast reads the counters from D1 itself, so
// the message after the last change always carries the exact totals, whatever order
// the notifications arrived in.
export { BROADCAST_INTERVAL_MS };

export function countsMessage(counts: Counts): CountsMessage {
  return { type: 'counts', individuals: counts.individuals, societies: counts.societies, updatedAt: counts.updatedAt };
}

// One class, two roles, told apart by name (see live.ts):
// - the hub, one per pledge ("pledge:<id>"): told of every change (publish), it reads the
//   counts, coalesces, and hands each broadcast to the pledge's relays (deliver);
// - a relay ("pledge:<id>:relay:<k>"): holds a share of the open pages' WebSockets with
//   the hibernation API (connections survive while the object sleeps) and sends each
//   delivered message to them. A relay joins its hub when it first gets a socket.
// With relays off (LIVE_RELAYS=0) the hub holds the sockets itself.
export class LiveCounts extends DurableObject<Env> {
  private pledgeId: number | null = null;
  // Hub: the last message broadcast, as JSON (memory only: gone after hibernation).
  private lastMessage: string | null = null;
  // The freshest message this object knows (hub: last read; relay: last delivered or
  // joined), for new sockets. Memory only.
  private current: string | null = null;
  private lastSentAt = 0;
  // Hub: a change arrived that no broadcast has read yet.
  private dirty = false;
  // Hub: an alarm is set and has not started. Kept in memory rather than asked of
  // storage.getAlarm(), which still reports an alarm while its handler finishes.
  private scheduled = false;
  // Hub: the relays that have joined (persisted; at most LIVE_RELAYS of them).
  private relays: Set<number> | null = null;
  // The sequence (broadcast start time) of the last message sent to this object's
  // sockets: a delivery older than that is dropped.
  private lastSeq = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alive pings are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426 });
    }
    const id = Number(request.headers.get(PLEDGE_ID_HEADER));
    const relay = request.headers.get(RELAY_HEADER);
    const pledgeId = Number.isSafeInteger(id) && id > 0 ? id : null;
    const pair = new WebSocketPair();
    // Accepted first: a broadcast while we look up the counts reaches this socket too.
    this.ctx.acceptWebSocket(pair[1]);
    const seqBefore = this.lastSeq;
    let message = this.current;
    if (message === null && pledgeId !== null) {
      if (relay !== null) {
        // A relay with nothing in memory (new, or woken from hibernation) joins its hub,
        // which answers with the current counts.
        const joined = await liveCounts(this.env, pledgeId).join(pledgeId, Number(relay));
        this.current ??= joined;
      } else {
        await this.rememberPledge(pledgeId);
        await this.readMessage();
      }
      message = this.current;
    } else if (message === null) {
      message = await this.readMessage();
    }
    // A new page gets the current counts at once, unless a newer broadcast reached it
    // while we waited.
    if (message && this.lastSeq === seqBefore) pair[1].send(message);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  // Hub. Called by the Worker after any change of counts. Cheap: it only schedules a
  // broadcast; bursts of calls collapse into one message per interval.
  async publish(pledgeId: number): Promise<void> {
    await this.rememberPledge(pledgeId);
    this.dirty = true;
    await this.schedule();
  }

  // Hub. A relay of this pledge got its first socket: remember it for broadcasts and
  // give it the current counts.
  async join(pledgeId: number, relay: number): Promise<string | null> {
    await this.rememberPledge(pledgeId);
    const relays = await this.loadRelays();
    if (Number.isSafeInteger(relay) && relay >= 0 && !relays.has(relay)) {
      relays.add(relay);
      await this.ctx.storage.put('relays', [...relays]);
    }
    return this.current ?? (await this.readMessage());
  }

  // Relay. One broadcast from the hub: send it to this relay's sockets. Returns how
  // many sockets it went to.
  deliver(message: string, seq: number): number {
    if (seq <= this.lastSeq) return 0;
    this.current = message;
    return this.sendAll(message, seq);
  }

  override async alarm(): Promise<void> {
    this.scheduled = false;
    this.dirty = false;
    // Counted from the start, so the next broadcast is at least an interval later even
    // if a change arrives while this one reads.
    this.lastSentAt = Date.now();
    const message = await this.readMessage();
    if (message && message !== this.lastMessage) await this.broadcast(message, this.lastSentAt);
    // A change that arrived while we read gets its own, later broadcast (publish has
    // already scheduled it unless the object restarted in between).
    if (this.dirty) await this.schedule();
  }

  // Connections currently open (the hub counts its relays' too): for tests and monitoring.
  async connections(): Promise<number> {
    let n = this.ctx.getWebSockets().length;
    if (this.pledgeId === null) this.pledgeId = (await this.ctx.storage.get<number>('pledgeId')) ?? null;
    const relays = await this.loadRelays();
    if (this.pledgeId !== null && relays.size > 0) {
      const pledgeId = this.pledgeId;
      const counts: number[] = await Promise.all([...relays].map(async (k): Promise<number> => liveRelay(this.env, pledgeId, k).sockets()));
      n += counts.reduce((a, b) => a + b, 0);
    }
    return n;
  }

  // This object's own sockets.
  sockets(): number {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(): Promise<void> {
    // Clients send nothing but pings (answered by the auto-response); ignore the rest.
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, 'closing');
    } catch {
      // already closed
    }
  }

  private async schedule(): Promise<void> {
    if (this.scheduled) return;
    this.scheduled = true;
    await this.ctx.storage.setAlarm(Math.max(Date.now(), this.lastSentAt + BROADCAST_INTERVAL_MS));
  }

  // Hub: to its own sockets (relays off) and to every relay that joined, in parallel.
  // Awaited, so one broadcast finishes before the next alarm starts (in order per relay).
  private async broadcast(message: string, seq: number): Promise<void> {
    this.lastMessage = message;
    this.sendAll(message, seq);
    const relays = await this.loadRelays();
    if (this.pledgeId === null || relays.size === 0) return;
    const pledgeId = this.pledgeId;
    const results = await Promise.allSettled([...relays].map((k) => liveRelay(this.env, pledgeId, k).deliver(message, seq)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed) {
      console.warn(`live counts: ${failed} of ${relays.size} relays of pledge ${pledgeId} unreachable; retrying`);
      // Sent again at the next interval (the others get it twice; pages ignore a repeat).
      this.lastMessage = null;
      this.dirty = true;
    }
  }

  private sendAll(message: string, seq: number): number {
    this.lastSeq = seq;
    let sent = 0;
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(message);
        sent++;
      } catch {
        // A socket closing mid-broadcast is not an error for the others.
      }
    }
    return sent;
  }

  private async loadRelays(): Promise<Set<number>> {
    this.relays ??= new Set((await this.ctx.storage.get<number[]>('relays')) ?? []);
    return this.relays;
  }

  private async rememberPledge(id: number): Promise<void> {
    if (this.pledgeId === id) return;
    this.pledgeId = id;
    await this.ctx.storage.put('pledgeId', id);
  }

  // The current counts from the counters table (the source of truth), as a message;
  // also kept as the message for new sockets.
  private async readMessage(): Promise<string | null> {
    this.pledgeId ??= (await this.ctx.storage.get<number>('pledgeId')) ?? null;
    if (this.pledgeId === null) return null;
    try {
      this.current = JSON.stringify(countsMessage(await getCounts(db(this.env.DB), this.pledgeId)));
      return this.current;
    } catch (err) {
      console.warn(`live counts: reading counts failed: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`);
      return this.lastMessage;
    }
  }
}
