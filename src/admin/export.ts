import { listAllForPledge } from '../endorsements/endorsements.queries.ts';
import { isoTime, toCsv } from './csv.ts';
import { signaturesPage } from './moderation.queries.ts';

// CSV exports for organisers (personal data: served only behind admin auth, no-store).

const SIGNATURE_COLUMNS = [
  'id',
  'pledge',
  'state',
  'name',
  'email',
  'affiliation',
  'title',
  'orcid',
  'verification',
  'field',
  'region',
  'public',
  'hidden',
  'textVersion',
  'lang',
  'emailDomain',
  'ipHash',
  'createdAt',
  'confirmedAt',
  'withdrawnAt',
  'invalidatedAt',
] as const;

export async function signaturesCsv(d1: D1Database, pledgeId: number | null): Promise<{ csv: string; rows: number }> {
  const rows: Record<(typeof SIGNATURE_COLUMNS)[number], unknown>[] = [];
  for (let after = 0; ; ) {
    const page = await signaturesPage(d1, pledgeId, after, 1000);
    for (const s of page) {
      rows.push({
        ...s,
        pledge: s.pledgeSlug,
        public: s.public ? 1 : 0,
        hidden: s.hidden ? 1 : 0,
        createdAt: isoTime(s.createdAt),
        confirmedAt: isoTime(s.confirmedAt),
        withdrawnAt: isoTime(s.withdrawnAt),
        invalidatedAt: isoTime(s.invalidatedAt),
      });
    }
    if (page.length < 1000) break;
    after = page.at(-1)!.id;
  }
  return { csv: toCsv(SIGNATURE_COLUMNS, rows), rows: rows.length };
}

const ENDORSEMENT_COLUMNS = [
  'id',
  'pledge',
  'state',
  'founding',
  'nameHans',
  'nameHant',
  'nameEn',
  'website',
  'category',
  'contactName',
  'contactRole',
  'contactEmail',
  'statement',
  'submittedName',
  'submittedWebsite',
  'rejectReason',
  'createdAt',
  'confirmedAt',
  'verifiedAt',
  'rejectedAt',
] as const;

export async function endorsementsCsv(d1: D1Database, pledgeId: number | null): Promise<{ csv: string; rows: number }> {
  const rows = (await listAllForPledge(d1, pledgeId)).map((e) => ({
    ...e,
    pledge: e.pledgeSlug,
    createdAt: isoTime(e.createdAt),
    confirmedAt: isoTime(e.confirmedAt),
    verifiedAt: isoTime(e.verifiedAt),
    rejectedAt: isoTime(e.rejectedAt),
  }));
  return { csv: toCsv(ENDORSEMENT_COLUMNS, rows), rows: rows.length };
}

export function csvResponseHeaders(name: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`,
    'cache-control': 'no-store',
  };
}
