import { DurableObject } from 'cloudflare:workers';
import { db } from '../../platform/db/client.ts';
import { type Counts, getCounts } from '../../pledges/counters.queries.ts';
import { BROADCAST_INTERVAL_MS, PLEDGE_ID_HEADER } from './live.ts';

export type CountsMessage = { type: 'counts'; individuals: number; societies: number; updatedAt: number };

// Broadcasts are coalesced: however fast counts change, at most one message per
// BROADCAST_INTERVAL_MS goes out. Each broadcast reads the counters from D1 itself, so
// the message after the last change always carries the exact totals, whatever order
// the notifications arrived in.
export { BROADCAST_INTERVAL_MS };

export function countsMessage(counts: Counts): CountsMessage {
  return { type: 'counts', individuals: counts.individuals, societies: counts.societies, updatedAt: counts.updatedAt };
}

// One object per pledge. Holds the open pages' WebSockets with the hibernation API
// (connections survive while the object sleeps) and fans new counts out to them.
export class LiveCounts extends DurableObject<Env> {
  private pledgeId: number | null = null;
  // The last message broadcast, as JSON (memory only: gone after hibernation).
  private lastMessage: string | null = null;
  private lastSentAt = 0;
  // A change arrived that no broadcast has read yet.
  private dirty = false;
  // An alarm is set and has not started. Kept in memory rather than asked of
  // storage.getAlarm(), which still reports an alarm while its handler finishes.
  private scheduled = false;

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
    if (Number.isSafeInteger(id) && id > 0) await this.rememberPledge(id);
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    // A new page gets the current counts at once, even if nothing was published yet.
    const message = this.lastMessage ?? (await this.readMessage());
    if (message) pair[1].send(message);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  // Called by the Worker after any change of counts. Cheap: it only schedules a
  // broadcast; bursts of calls collapse into one message per interval.
  async publish(pledgeId: number): Promise<void> {
    await this.rememberPledge(pledgeId);
    this.dirty = true;
    await this.schedule();
  }

  override async alarm(): Promise<void> {
    this.scheduled = false;
    this.dirty = false;
    // Counted from the start, so the next broadcast is at least an interval later even
    // if a change arrives while this one reads.
    this.lastSentAt = Date.now();
    const message = await this.readMessage();
    if (message && message !== this.lastMessage) this.broadcast(message);
    // A change that arrived while we read gets its own, later broadcast (publish has
    // already scheduled it unless the object restarted in between).
    if (this.dirty) await this.schedule();
  }

  // Connections currently open: for tests and monitoring.
  connections(): number {
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

  private broadcast(message: string): void {
    this.lastMessage = message;
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(message);
      } catch {
        // A socket closing mid-broadcast is not an error for the others.
      }
    }
  }

  private async rememberPledge(id: number): Promise<void> {
    if (this.pledgeId === id) return;
    this.pledgeId = id;
    await this.ctx.storage.put('pledgeId', id);
  }

  // The current counts from the counters table (the source of truth), as a message.
  private async readMessage(): Promise<string | null> {
    this.pledgeId ??= (await this.ctx.storage.get<number>('pledgeId')) ?? null;
    if (this.pledgeId === null) return null;
    try {
      return JSON.stringify(countsMessage(await getCounts(db(this.env.DB), this.pledgeId)));
    } catch (err) {
      console.warn(`live counts: reading counts failed: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`);
      return this.lastMessage;
    }
  }
}
