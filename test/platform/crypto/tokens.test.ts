import { describe, expect, it } from 'vitest';
import { hashToken, hmacHex, isTokenShaped, newToken, withdrawTokenFor } from '../../../src/platform/crypto/tokens.ts';

describe('link tokens', () => {
  it('derives the withdraw token as base64url(HMAC-SHA256(confirm token, "withdraw")), the bytes every mailed link depends on', async () => {
    // Computed independently: node -e "crypto.createHmac('sha256','A'.repeat(43)).update('withdraw').digest('base64url')"
    expect(await withdrawTokenFor('A'.repeat(43))).toBe('byy9K-gX1pQ8yxle2UYKdMV-xpP1249fWyv6EtPy7x0');
    // The same as the keyed HMAC the rest of the app uses, in base64url instead of hex.
    const token = newToken();
    const hex = await hmacHex(token, 'withdraw', { keep: false });
    const derived = await withdrawTokenFor(token);
    expect(isTokenShaped(derived)).toBe(true);
    expect(Array.from(atob(derived.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join('')).toBe(hex);
  });

  it('gives different confirm tokens different withdraw tokens, and stores only a SHA-256 hash', async () => {
    const [a, b] = [newToken(), newToken()];
    expect(await withdrawTokenFor(a)).not.toBe(await withdrawTokenFor(b));
    expect(await hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashToken(a)).not.toBe(await hashToken(b));
  });
});
