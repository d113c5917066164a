import { hashToken, isTokenShaped, sameDigest } from '../platform/crypto/tokens.ts';
import type { Db } from '../platform/db/client.ts';
import { SIGNATURE } from '../platform/db/states.ts';
import { changeSignature, type HeldRecord, type SignerChange, signatureRecord, stopUpdates } from './manage.queries.ts';
import * as q from './signatures.queries.ts';

// The signer's own page and the unsubscribe link (issue 15). A manage link (kind
// 'manage', see manageLink in signatures.actions.ts) authorises reading and changing
// the signature it belongs to; an unsubscribe link (kind 'unsubscribe', in update mails)
// only turns the updates off. Both are stored as SHA-256 hashes and erased, with every
// other link, when the signature is withdrawn.

async function signatureIdFor(d1: D1Database, token: string, kinds: readonly q.TokenKind[]): Promise<number | null> {
  if (!isTokenShaped(token)) return null;
  const hash = await hashToken(token);
  for (const kind of kinds) {
    const row = await q.findToken(d1, hash, kind);
    if (row && sameDigest(row.tokenHash, hash)) return row.id;
  }
  return null;
}

export type ManageView = HeldRecord & { confirmed: boolean };

// The signature a manage link opens, or null (unknown, withdrawn).
export async function openManage(d1: D1Database, d: Db, token: string): Promise<ManageView | null> {
  const id = await signatureIdFor(d1, token, ['manage']);
  if (id === null) return null;
  const row = await signatureRecord(d, id);
  if (!row || row.state === SIGNATURE.withdrawn || row.state === SIGNATURE.invalidated) return null;
  return { ...row, confirmed: row.confirmedAt !== null };
}

export async function changeByManage(d: Db, view: ManageView, change: SignerChange, now: number): Promise<boolean> {
  // Opting out is always possible; the rest once the email is confirmed.
  if (change.updates === false && Object.keys(change).length === 1) return (await stopUpdates(d, view.id, now)) !== null;
  return changeSignature(d, view.id, change, now);
}

// One-click unsubscribe (RFC 8058) or the page's button: an unsubscribe or a manage link.
export async function unsubscribe(d1: D1Database, d: Db, token: string, now: number): Promise<number | null> {
  const id = await signatureIdFor(d1, token, ['unsubscribe', 'manage']);
  return id === null ? null : stopUpdates(d, id, now);
}

// Whether an unsubscribe link is live, and its pledge (for the GET page; changes nothing).
export async function peekUnsubscribe(d1: D1Database, d: Db, token: string): Promise<number | null> {
  const id = await signatureIdFor(d1, token, ['unsubscribe', 'manage']);
  if (id === null) return null;
  return (await signatureRecord(d, id))?.pledgeId ?? null;
}

// "Download my data": everything stored about the signature, as the signer's own copy
// (their address included: only their mailbox opens this link).
export function dataExport(view: ManageView, pledgeSlug: string) {
  return {
    format: 'pledge-signature-data/v1',
    pledge: pledgeSlug,
    state: view.state === SIGNATURE.held ? SIGNATURE.confirmed : view.state,
    email: view.email,
    name: view.name,
    affiliation: view.affiliation,
    title: view.title,
    orcid: view.orcid,
    field: view.field,
    region: view.region,
    public: view.public,
    updates: view.updates,
    lang: view.lang,
    textVersion: view.textVersion,
    createdAt: new Date(view.createdAt).toISOString(),
    confirmedAt: view.confirmedAt === null ? null : new Date(view.confirmedAt).toISOString(),
    // A keyed hash (HMAC) of the address the signature came from, kept to spot abuse.
    ipHashStored: view.ipHash !== null,
  };
}

export function maskEmail(address: string | null): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  const local = address.slice(0, at);
  const [first = '', ...rest] = address.slice(at + 1).split('.');
  return `${local[0]}***@${first[0] ?? ''}***${rest.length ? `.${rest.join('.')}` : ''}`;
}
