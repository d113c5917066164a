import { env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { bindingMailer, httpMailer, mailerFor, transportFor } from '../../../src/platform/mail/mailer.ts';
import { json } from '../../support/app.ts';

const mail = { to: 'a@example.org', subject: 'S', text: 'T http://x/confirm/abc', html: '<p>T</p>' };

describe('mail transports', () => {
  it('the Email Service binding transport passes the message through', async () => {
    const send = vi.fn(async () => ({}));
    await bindingMailer({ send }, 'from@example.org').send(mail);
    expect(send).toHaveBeenCalledWith({ from: 'from@example.org', ...mail });
  });

  it('the HTTP transport posts JSON with a bearer token and fails loudly on errors', async () => {
    const fetcher = vi.fn(async () => new Response('{}', { status: 200 }));
    await httpMailer('https://mail.example/send', 'k', 'from@example.org', fetcher as unknown as typeof fetch).send(mail);
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://mail.example/send');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer k');
    expect(JSON.parse(String(init.body))).toEqual({ from: 'from@example.org', ...mail });
    const failing = httpMailer('https://mail.example/send', 'k', 'f', (async () => new Response('', { status: 500 })) as unknown as typeof fetch);
    await expect(failing.send(mail)).rejects.toThrow('500');
  });

  it('chooses the transport from configuration', async () => {
    const send = vi.fn(async () => ({}));
    await transportFor({ DB: env.DB, MAIL_TRANSPORT: 'email', MAIL_FROM: 'pledge@example.org', EMAIL: { send } }).send(mail);
    expect(send).toHaveBeenCalledOnce();
    expect(() => transportFor({ DB: env.DB, MAIL_TRANSPORT: 'email', MAIL_FROM: 'pledge@example.org' })).toThrow('EMAIL binding');
    expect(() => transportFor({ DB: env.DB, MAIL_TRANSPORT: 'http', MAIL_FROM: 'pledge@example.org' })).toThrow('MAIL_HTTP_URL');
    // Request handlers send through the queue when it is bound: nothing is delivered yet.
    const queued: unknown[] = [];
    await mailerFor({
      DB: env.DB,
      MAIL_TRANSPORT: 'email',
      MAIL_FROM: 'pledge@example.org',
      EMAIL: { send },
      MAIL_QUEUE: { send: async (m: unknown) => void queued.push(m) } as unknown as Queue<typeof mail>,
    }).send(mail);
    expect(queued).toEqual([mail]);
    expect(send).toHaveBeenCalledOnce();
  });

  it('the development outbox is served only with the dev transport', async () => {
    await transportFor(env).send(mail);
    const { status, body } = await json<{ to: string; subject: string; text: string; sentAt: number }[]>('/dev/outbox');
    expect(status).toBe(200);
    expect(body[0]).toMatchObject({ to: 'a@example.org', subject: 'S', text: mail.text });
    expect(typeof body[0]?.sentAt).toBe('number');
    const original = env.MAIL_TRANSPORT;
    (env as { MAIL_TRANSPORT: string }).MAIL_TRANSPORT = 'email';
    try {
      expect((await json('/dev/outbox')).status).toBe(404);
    } finally {
      (env as { MAIL_TRANSPORT: string }).MAIL_TRANSPORT = original;
    }
  });
});
