import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { postJson, request } from '../support/app.ts';
import { sign, signAndConfirm } from '../support/signers.ts';

// Signers in every state; afterwards no public output may contain any of their
// addresses (or the local parts, which are as identifying).
const emails: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 6; i++) emails.push((await signAndConfirm({ email: `public.signer${i}@mail.example.org`, name: `Visible ${i}`, public: true })).email);
  emails.push((await signAndConfirm({ email: 'private.signer@mail.example.org', public: false })).email);
  emails.push((await sign({ email: 'pending.signer@mail.example.org', public: true })).email);
  const withdrawn = await sign({ email: 'withdrawn.signer@mail.example.org', public: true });
  const confirmed = (await (await postJson('/api/signatures/confirm', { token: withdrawn.confirm })).json()) as { withdrawToken: string };
  expect((await postJson('/api/signatures/withdraw', { token: confirmed.withdrawToken })).status).toBe(200);
  emails.push(withdrawn.email);
});

const PUBLIC_GETS = [
  '/p/cast-2020?lang=zh-Hans',
  '/p/cast-2020?lang=zh-Hant',
  '/p/cast-2020?lang=en',
  '/p/cast-2020/stats',
  '/p/cast-2020/signatories',
  '/p/cast-2020/signatories?q=signer',
  '/p/cast-2020/badge.svg',
  '/p/cast-2020/qr.svg',
  '/embed/cast-2020',
  '/docs/api',
  '/api/pledges',
  '/api/pledges/cast-2020',
  '/api/pledges/cast-2020/counts',
  '/api/pledges/cast-2020/stats',
  '/api/pledges/cast-2020/signatories',
  '/api/pledges/cast-2020/signatories?q=mail.example',
  '/api/pledges/cast-2020/signatories.csv',
  '/api/pledges/cast-2020/signatories.json',
  '/api/openapi.json',
];

function expectNoEmail(where: string, text: string) {
  for (const e of emails) {
    expect(text, where).not.toContain(e);
    expect(text, where).not.toContain(e.split('@')[0]);
  }
  expect(text, where).not.toContain('mail.example.org');
}

describe('no email in any public output', () => {
  it('lists the consenting signers, but never an address', async () => {
    const body = await (await request('/api/pledges/cast-2020/signatories')).text();
    expect(body).toContain('Visible 5');
    for (const path of PUBLIC_GETS) {
      const res = await request(path);
      expect(res.status, path).toBe(200);
      expectNoEmail(path, await res.text());
    }
  });

  it('sends no address over the live WebSocket', async () => {
    const res = await SELF.fetch('http://localhost:8787/api/pledges/cast-2020/live', { headers: { upgrade: 'websocket' } });
    const ws = res.webSocket!;
    // A new socket first gets the object's latest broadcast; a change still being
    // coalesced reaches it with the next one (at most 250 ms later).
    const messages: string[] = [];
    const settled = new Promise<string>((resolve) =>
      ws.addEventListener('message', (e) => {
        messages.push(e.data as string);
        if ((JSON.parse(e.data as string) as { individuals: number }).individuals === 7) resolve(e.data as string);
      }),
    );
    ws.accept();
    const message = await Promise.race([settled, new Promise<string>((r) => setTimeout(() => r(messages.at(-1) ?? ''), 3000))]);
    expect(JSON.parse(message)).toMatchObject({ type: 'counts', individuals: 7 });
    for (const m of messages) expectNoEmail('live', m);
    ws.close();
  });
});
