import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../src/index.ts';
import { ConfigError, config, parseConfig } from '../../src/platform/config.ts';

describe('configuration', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives typed defaults for what is absent or empty', () => {
    const c = parseConfig({ SIGN_LIMIT_IP_HOUR: '', PUBLIC_URL: '' });
    expect(c.mail).toEqual({ transport: 'email', from: 'pledge@example.org', httpUrl: null, httpToken: '' });
    expect(c.signLimits).toEqual({ perIpHour: 300, perDomainHour: 2000, exemptDomains: null });
    expect(c.readCacheMs).toBe(2000);
    expect(c.publicUrl).toBeNull();
    expect(c.admin.token).toBe('');
  });

  it('parses numbers, lists, enums and URLs', () => {
    const c = parseConfig({
      SIGN_LIMIT_IP_HOUR: ' 50 ',
      SIGN_LIMIT_DOMAIN_HOUR: 7,
      READ_CACHE_MS: '0',
      MAIL_TRANSPORT: 'dev',
      PUBLIC_URL: 'https://pledge.example.org/',
      SIGN_LIMIT_EXEMPT_DOMAINS: 'QQ.com, 163.com,,',
    });
    expect(c.signLimits).toEqual({ perIpHour: 50, perDomainHour: 7, exemptDomains: ['qq.com', '163.com'] });
    expect(c.readCacheMs).toBe(0);
    expect(c.mail.transport).toBe('dev');
    expect(c.publicUrl).toBe('https://pledge.example.org');
  });

  it('refuses bad values with an error naming each variable, instead of NaN or a silent default', () => {
    const bad = { SIGN_LIMIT_IP_HOUR: 'abc', SIGN_LIMIT_DOMAIN_HOUR: '0', READ_CACHE_MS: '1.5', MAIL_TRANSPORT: 'smtp', PUBLIC_URL: 'localhost:8787', MAIL_FROM: 'nobody' };
    let error: unknown;
    try {
      parseConfig(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of Object.keys(bad)) expect(message).toContain(name);
    expect(message).toContain('"abc"');
    expect(message).toContain('dev, email, http');
  });

  it('parses once per env object, and again only when a variable changed', () => {
    const e: Record<string, string> = { SIGN_LIMIT_IP_HOUR: '10' };
    const first = config(e);
    expect(config(e)).toBe(first);
    e.SIGN_LIMIT_IP_HOUR = '11';
    expect(config(e).signLimits.perIpHour).toBe(11);
  });

  it('a bad value fails the first request with the reason in the log', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const ctx = createExecutionContext();
    const res = await app.request('http://localhost:8787/api/pledges', {}, { ...env, SIGN_LIMIT_IP_HOUR: 'three hundred' }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'Internal error.' } });
    expect(logged.join('\n')).toMatch(/ConfigError: invalid configuration: SIGN_LIMIT_IP_HOUR: expected a whole number >= 1, got "three hundred"/);
  });
});
