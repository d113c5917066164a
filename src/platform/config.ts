import { z } from 'zod';

// The environment (wrangler.toml [vars], secrets, .dev.vars) parsed once into a typed
// config: numbers with their defaults, enums, URLs. A bad value throws ConfigError
// naming the variable, at the first request (src/index.ts parses it before any route),
// instead of turning into NaN somewhere at run time. Bindings (DB, LIVE, EMAIL...) are
// not configuration and stay on env.

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

// A whole number >= min; absent or empty means the default. wrangler.toml may give a number.
function wholeNumber(def: number, min: number) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (blank(v)) return def;
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < min) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number >= ${min}, got ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return n;
    });
}

// A secret or free string; absent means ''.
const secret = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') {
      ctx.addIssue({ code: 'custom', message: 'expected a string' });
      return z.NEVER;
    }
    return v;
  });

// An absolute http(s) URL without a trailing slash, or null when absent or empty.
const httpUrl = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (blank(v)) return null;
    const s = String(v).trim();
    let url: URL | null = null;
    try {
      url = new URL(s);
    } catch {}
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      // The value is not echoed: a URL may carry a key.
      ctx.addIssue({ code: 'custom', message: 'expected an absolute http(s) URL' });
      return z.NEVER;
    }
    return s.replace(/\/+$/, '');
  });

// A comma-separated list of lower-cased names, or null when absent (the caller's default).
const nameList = z
  .unknown()
  .optional()
  .transform((v) =>
    v === undefined || v === null
      ? null
      : String(v)
          .split(',')
          .map((d) => d.trim().toLowerCase())
          .filter(Boolean),
  );

// One of a fixed set of words; absent or empty means the default.
function oneOf<const T extends readonly string[]>(values: T, def: T[number]) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx): T[number] => {
      const s = blank(v) ? def : String(v).trim();
      if ((values as readonly string[]).includes(s)) return s;
      ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}, got ${JSON.stringify(s.slice(0, 40))}` });
      return z.NEVER;
    });
}

export const MAIL_TRANSPORTS = ['dev', 'email', 'http'] as const;

const fields = {
  // dev: recorded in D1 and served at /dev/outbox; email: the EMAIL binding; http: MAIL_HTTP_URL.
  MAIL_TRANSPORT: oneOf(MAIL_TRANSPORTS, 'email'),
  MAIL_FROM: z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const s = blank(v) ? 'pledge@example.org' : String(v).trim();
      if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)) return s;
      ctx.addIssue({ code: 'custom', message: 'expected a mail address' });
      return z.NEVER;
    }),
  MAIL_HTTP_URL: httpUrl,
  MAIL_HTTP_TOKEN: secret,
  // Base of the links in mails; null means the origin the request came to.
  PUBLIC_URL: httpUrl,
  SIGN_LIMIT_IP_HOUR: wholeNumber(300, 1),
  SIGN_LIMIT_DOMAIN_HOUR: wholeNumber(2000, 1),
  SIGN_LIMIT_EXEMPT_DOMAINS: nameList,
  READ_CACHE_MS: wholeNumber(2000, 0),
  TURNSTILE_SITE_KEY: secret,
  TURNSTILE_SECRET: secret,
  ADMIN_TOKEN: secret,
  SESSION_SECRET: secret,
  IP_HASH_SECRET: secret,
  LOG_SIGNING_KEY: secret,
  ACCESS_AUD: secret,
  ACCESS_TEAM_DOMAIN: secret,
  // ORCID sign-in (issue 16): off while ORCID_CLIENT_ID is empty.
  ORCID_CLIENT_ID: secret,
  ORCID_CLIENT_SECRET: secret,
  ORCID_ISSUER: httpUrl,
};
const KEYS = Object.keys(fields);

const configSchema = z.object(fields).transform((e) => ({
  mail: { transport: e.MAIL_TRANSPORT, from: e.MAIL_FROM, httpUrl: e.MAIL_HTTP_URL, httpToken: e.MAIL_HTTP_TOKEN },
  publicUrl: e.PUBLIC_URL,
  signLimits: { perIpHour: e.SIGN_LIMIT_IP_HOUR, perDomainHour: e.SIGN_LIMIT_DOMAIN_HOUR, exemptDomains: e.SIGN_LIMIT_EXEMPT_DOMAINS },
  readCacheMs: e.READ_CACHE_MS,
  turnstile: { siteKey: e.TURNSTILE_SITE_KEY, secret: e.TURNSTILE_SECRET },
  admin: { token: e.ADMIN_TOKEN, sessionSecret: e.SESSION_SECRET, accessAud: e.ACCESS_AUD, accessTeamDomain: e.ACCESS_TEAM_DOMAIN },
  ipHashSecret: e.IP_HASH_SECRET,
  logSigningKey: e.LOG_SIGNING_KEY,
  orcid: { clientId: e.ORCID_CLIENT_ID.trim(), clientSecret: e.ORCID_CLIENT_SECRET, issuer: e.ORCID_ISSUER ?? 'https://orcid.org' },
}));

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// Parses without memoising (for tests and scripts).
export function parseConfig(env: object): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`);
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

// Memoised per env object (the runtime hands the same env to every request of an
// isolate); parsed again only if one of its variables changed in place (tests do that).
// Called several times per request: the check compares the values one by one, without
// building anything.
const parsed = new WeakMap<object, { values: unknown[]; config: Config }>();

export function config(env: object): Config {
  const vars = env as Record<string, unknown>;
  const hit = parsed.get(env);
  if (hit && KEYS.every((k, i) => vars[k] === hit.values[i])) return hit.config;
  const fresh = parseConfig(env);
  parsed.set(env, { values: KEYS.map((k) => vars[k]), config: fresh });
  return fresh;
}
