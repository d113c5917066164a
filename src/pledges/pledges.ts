import type { Lang } from '../platform/i18n/lang.ts';
import { fill, messages } from '../platform/i18n/messages.ts';

// Pledge rules, free of HTTP and storage.
export const PLEDGE_STATUSES = ['draft', 'open', 'closed'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export type Pledge = {
  id: number;
  slug: string;
  status: PledgeStatus;
  goal: number | null;
  opensAt: number | null;
  closesAt: number | null;
  featured: boolean;
  defaultLang: string;
  // The counter's noun per language (null or a language missing: the default noun).
  counterNoun: Partial<Record<string, string>> | null;
  // Signers' personal data is erased this many days after closesAt (src/signatures/retention.ts).
  retentionDays: number;
};

// The label under the individual total: "位{noun}已签名", with this pledge's noun.
export function individualsLabel(pledge: Pick<Pledge, 'counterNoun'>, lang: Lang): string {
  const t = messages(lang);
  return fill(t.individuals, { noun: pledge.counterNoun?.[lang]?.trim() || t.counterNoun });
}

export type PledgeText = {
  lang: string;
  version: string;
  title: string;
  subtitle: string;
  body: string;
  societiesHeading: string;
};

// Why a pledge does not take signatures right now, or null when it does.
export function signingClosedReason(pledge: Pledge, now: number): 'closed' | 'notOpenYet' | null {
  if (pledge.status === 'closed' || (pledge.closesAt !== null && now >= pledge.closesAt)) return 'closed';
  if (pledge.status !== 'open' || (pledge.opensAt !== null && now < pledge.opensAt)) return 'notOpenYet';
  return null;
}

// The content hash of a text version: SHA-256 over canonical JSON of the fields a
// signer reads. scripts/build-seed.ts computes the same value in Node.
export async function textVersion(text: Omit<PledgeText, 'lang' | 'version'>): Promise<string> {
  const canonical = JSON.stringify([text.title, text.subtitle, text.body, text.societiesHeading]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Progress toward the goal, in whole percent (capped at 100), or null without a goal.
export function goalProgress(goal: number | null, count: number): { goal: number; percent: number } | null {
  if (goal === null || goal <= 0) return null;
  return { goal, percent: Math.min(100, Math.floor((100 * count) / goal)) };
}

// Time left before signing closes: whole days, or hours in the last day (rounded up),
// or null when there is no deadline or it has passed.
export function timeLeft(closesAt: number | null, now: number): { unit: 'days' | 'hours'; n: number } | null {
  if (closesAt === null || closesAt <= now) return null;
  const hours = Math.ceil((closesAt - now) / 3_600_000);
  return hours < 24 ? { unit: 'hours', n: hours } : { unit: 'days', n: Math.floor(hours / 24) };
}
