import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app } from '../../src/index.ts';
import { postForm, postJson, request } from '../support/app.ts';
import { mailsTo, tokenIn } from '../support/mail.ts';
import { signer, signJson } from '../support/signers.ts';

// After real activity (signers with emails and addresses, confirmations, a withdrawal,
// errors), walk every public GET route of the app and check that no email address and
// no raw IP address appears, in responses or in the logs.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const people = Array.from({ length: 4 }, (_, i) => signer({ email: `Private.Person${i}+x${crypto.randomUUID().slice(0, 4)}@example.org`, public: i % 2 === 0 }));
const ips = ['203.0.113.77', '2001:db8::77', '198.18.0.77', '192.0.2.77'];
const logged: string[] = [];
// Routes that are not public: the development outbox exists only with the dev mail
// transport and holds the mails by design.
const NOT_PUBLIC = new Set(['/dev/outbox']);

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
  for (const [i, p] of people.entries()) {
    await signJson(p, { ip: ips[i]! });
    const token = tokenIn((await mailsTo(p.email))[0], 'confirm');
    await postJson('/api/signatures/confirm', { token }, { 'cf-connecting-ip': ips[i]! });
  }
  const withdraw = tokenIn((await mailsTo(people[3]!.email))[0], 'withdraw');
  await postJson('/api/signatures/withdraw', { token: withdraw });
  await signJson({ ...people[0], region: 'bad' }, { ip: ips[0]! });
  await postForm('/p/cast-2020/sign', { ...people[1], email: people[1]!.email.replace('@', ' at ') } as Record<string, string>, { 'cf-connecting-ip': ips[1]! });
});

afterAll(() => {
  vi.restoreAllMocks();
});

const PARAMS: Record<string, string> = { slug: 'cast-2020', token: 'A'.repeat(43), id: '1' };
const publicPaths = () => [
  ...new Set(
    app.routes
      .filter((r) => r.method === 'GET' && !r.path.includes('*') && !NOT_PUBLIC.has(r.path))
      .map((r) => r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => PARAMS[name] ?? '1'))
      .flatMap((p) => [p, `${p}?lang=en`, `${p}?lang=zh-Hant`]),
  ),
];

describe('privacy of public output', () => {
  it('no email address and no raw IP in any public page or API response', async () => {
    const paths = publicPaths();
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      const res = await request(path);
      const body = await res.text();
      const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      for (const text of [body, headers]) {
        expect(text.match(EMAIL) ?? [], path).toEqual([]);
        for (const ip of ips) expect(text, path).not.toContain(ip);
      }
    }
  });

  it('the logs hold no email address and no raw IP', () => {
    expect(logged.length).toBeGreaterThan(0);
    const all = logged.join('\n');
    for (const p of people) {
      expect(all).not.toContain(p.email);
      expect(all.toLowerCase()).not.toContain(p.email.toLowerCase().split('+')[0]);
    }
    for (const ip of ips) expect(all).not.toContain(ip);
    expect(all.match(EMAIL) ?? []).toEqual([]);
  });
});
