import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../src/signatures/email.ts';

describe('normaliseEmail', () => {
  it('keys case, whitespace, +tags and full-width forms of one mailbox alike', () => {
    const key = normaliseEmail('alice@example.org')!.key;
    for (const variant of ['  Alice@Example.ORG ', 'ALICE@example.org', 'alice+pledge@example.org', 'alice＠example．org', 'ａｌｉｃｅ@example.org']) {
      expect(normaliseEmail(variant)?.key, variant).toBe(key);
    }
  });

  it('keeps the local part as typed (after NFKC and trim) for mailing, at the domain as keyed', () => {
    expect(normaliseEmail(' Alice+x@Example.org ')!.address).toBe('Alice+x@example.org');
    expect(normaliseEmail('li＠qq．com')!.address).toBe('li@qq.com');
  });

  it('converts internationalised domains to punycode', () => {
    expect(normaliseEmail('wang@bücher.de')).toEqual({ address: 'wang@xn--bcher-kva.de', key: 'wang@xn--bcher-kva.de', domain: 'xn--bcher-kva.de' });
    expect(normaliseEmail('wang@xn--bcher-kva.de')!.key).toBe('wang@xn--bcher-kva.de');
    expect(normaliseEmail('张@北京大学.中国')!.domain).toBe('xn--1lq90ic7fzpc.xn--fiqs8s');
  });

  it('ignores dots only at Gmail', () => {
    expect(normaliseEmail('a.b.c@gmail.com')!.key).toBe('abc@gmail.com');
    expect(normaliseEmail('a.b@example.org')!.key).toBe('a.b@example.org');
  });

  it('refuses what is not an address', () => {
    for (const bad of [
      '',
      'plain',
      '@example.org',
      'a@',
      'a@b',
      'a@@b.org',
      'a b@c.org',
      'a@b.c/d',
      'a\u0000@b.org',
      '.a@b.org',
      'a..b@c.org',
      `${'x'.repeat(65)}@b.org`,
      'a@1.2.3.4',
      'a@-x.org',
    ]) {
      expect(normaliseEmail(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
