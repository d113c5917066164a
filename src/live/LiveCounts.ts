import { DurableObject } from 'cloudflare:workers';

export type CountsMessage = { type: 'counts'; individuals: number; societies: number; updatedAt: number };

// Broadcasts are coalesced: however fast counts change, at most one message per
// BROADCAST_INTERVAL_MS goes out, carrying the latest counts.
export const BROADCAST_INTERVAL_MS = 250;

// One object per pledge. Holds the open pages' WebSockets with the hibernation API
// (connections survive while the object sleeps) and fans new counts out to them.
export class LiveCounts extends DurableObject<Env> {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426 });
    }
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    const latest = await this.ctx.storage.get<CountsMessage>('latest');
    if (latest) pair[1].send(JSON.stringify(latest));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  // Called by the Worker after any change of counts. Newer counts win; older ones
  // arriving late are ignored.
  async publish(counts: Omit<CountsMessage, 'type'>): Promise<void> {
    const latest = await this.ctx.storage.get<CountsMessage>('latest');
    if (latest && latest.updatedAt > counts.updatedAt) return;
    await this.ctx.storage.put('latest', { type: 'counts', ...counts } satisfies CountsMessage);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + BROADCAST_INTERVAL_MS);
  }

  override async alarm(): Promise<void> {
    const latest = await this.ctx.storage.get<CountsMessage>('latest');
    if (!latest) return;
    const message = JSON.stringify(latest);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(message);
      } catch {
        // A socket closing mid-broadcast is not an error for the others.
      }
    }
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Clients may ping to keep NATs open; anything else is ignored.
    if (message === 'ping') ws.send('pong');
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, 'closing');
    } catch {
      // already closed
    }
  }
}
