import { config } from './config.ts';

// A small per-isolate memo with a time to live: hot reads (a pledge by slug, its
// counters) are answered from memory for a moment instead of from D1 on every request.
// Entries are dropped on change within this isolate (forget); other isolates see a
// change after at most the TTL. A TTL of 0 turns the memo off (the tests set it so).
type Entry<V> = { value: V; until: number };

// Whatever is built from memoised values (the kept responses of
// src/platform/http/hot-responses.ts) is dropped whenever any memo forgets.
const forgetListeners: Array<() => void> = [];
export function onForget(listener: () => void): void {
  forgetListeners.push(listener);
}

export class Memo<K, V> {
  private entries = new Map<K, Entry<V>>();
  private inflight = new Map<K, Promise<V>>();

  constructor(private readonly maxEntries = 1000) {}

  async get(key: K, ttlMs: number, load: () => Promise<V>, keep: (v: V) => boolean = () => true): Promise<V> {
    if (ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    // Concurrent misses share one load.
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const loading = load().finally(() => this.inflight.delete(key));
    this.inflight.set(key, loading);
    const value = await loading;
    if (keep(value)) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, until: now + ttlMs });
    }
    return value;
  }

  forget(key?: K): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
    for (const listener of forgetListeners) listener();
  }
}

// READ_CACHE_MS from the configuration (default 2 s).
export function readCacheMs(env: { READ_CACHE_MS?: string }): number {
  return config(env).readCacheMs;
}
