// The D1 data model. drizzle-kit turns this file into the SQL in migrations/
// (`npm run db:generate`); never edit generated migrations by hand.
//
// Conventions: times are integer milliseconds since the epoch; booleans are 0/1
// integers; states are short strings whose allowed values are in ./states.ts (the rules
// that change them: src/signatures/signatures.ts, src/endorsements/endorsements.ts).
//
// Triggers: the counters and the public log follow every state change of signatures
// and endorsements by SQL triggers generated from src/counts/counters.ts
// (`npm run db:triggers`). drizzle-kit cannot see them: when it rebuilds a table (a
// migration that creates `__new_signatures`, copies the rows, drops the old table and
// renames the copy, as it does for changes SQLite's ALTER TABLE cannot make), the
// table's triggers are dropped with it, silently. After such a migration, write the
// triggers again in a new migration (see scripts/build-triggers.ts);
// test/counts/counters.test.ts fails until then.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = (column = 'created_at') => integer(column).notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const pledges = sqliteTable('pledges', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  status: text('status', { enum: ['draft', 'open', 'closed'] })
    .notNull()
    .default('draft'),
  goal: integer('goal'),
  opensAt: integer('opens_at'),
  closesAt: integer('closes_at'),
  featured: integer('featured', { mode: 'boolean' }).notNull().default(false),
  defaultLang: text('default_lang').notNull().default('zh-Hans'),
  // What the counter counts, per language (JSON {lang: noun}); null: the default noun.
  counterNoun: text('counter_noun', { mode: 'json' }).$type<Partial<Record<string, string>>>(),
  createdAt: createdAt(),
  updatedAt: integer('updated_at'),
  // Signers' personal data is erased this many days after closes_at (src/signatures/
  // retention.ts); personal_data_erased_at: when that finished (migrations/0019).
  retentionDays: integer('retention_days').notNull().default(180),
  personalDataErasedAt: integer('personal_data_erased_at'),
});

// One row per language per published version. The current version of a language is
// the row with `current = 1`; older rows stay so a signature can point at what it signed.
export const pledgeTexts = sqliteTable(
  'pledge_texts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pledgeId: integer('pledge_id')
      .notNull()
      .references(() => pledges.id),
    lang: text('lang').notNull(),
    // SHA-256 (hex) of the canonical JSON of the text: the "version" a signer signs.
    version: text('version').notNull(),
    title: text('title').notNull(),
    subtitle: text('subtitle').notNull().default(''),
    // Markdown subset: paragraphs and "## " headings. Rendered escaped, never as raw HTML.
    body: text('body').notNull(),
    societiesHeading: text('societies_heading').notNull().default(''),
    current: integer('current', { mode: 'boolean' }).notNull().default(true),
    publishedAt: createdAt('published_at'),
  },
  (t) => [uniqueIndex('pledge_texts_version').on(t.pledgeId, t.lang, t.version), index('pledge_texts_current').on(t.pledgeId, t.lang, t.current)],
);

export const societies = sqliteTable(
  'societies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nameHans: text('name_hans'),
    nameHant: text('name_hant'),
    nameEn: text('name_en'),
    // Lower-cased host without "www.", so https://www.x.org/ and x.org match.
    websiteHost: text('website_host'),
    website: text('website'),
    category: text('category').notNull().default('other'),
    createdAt: createdAt(),
    // Matching keys (src/endorsements/names.ts nameKey), filled by the Worker; never shown.
    // The names, website and host above are public: only verified data is written there.
    nameKey: text('name_key'),
    nameEnKey: text('name_en_key'),
  },
  (t) => [
    uniqueIndex('societies_name_hans').on(t.nameHans),
    uniqueIndex('societies_name_hant').on(t.nameHant),
    index('societies_name_en').on(t.nameEn),
    index('societies_website_host').on(t.websiteHost),
    index('societies_name_key').on(t.nameKey),
    index('societies_name_en_key').on(t.nameEnKey),
    index('societies_unkeyed').on(t.id).where(sql`name_key IS NULL AND name_en_key IS NULL`),
  ],
);

export const endorsements = sqliteTable(
  'endorsements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pledgeId: integer('pledge_id')
      .notNull()
      .references(() => pledges.id),
    societyId: integer('society_id')
      .notNull()
      .references(() => societies.id),
    // pending (contact email unconfirmed) -> confirmed (awaiting an organiser) -> verified | rejected
    state: text('state').notNull().default('pending'),
    founding: integer('founding', { mode: 'boolean' }).notNull().default(false),
    // Founders keep the seed order; later endorsements sort by verification time.
    position: integer('position'),
    contactName: text('contact_name'),
    contactRole: text('contact_role'),
    contactEmail: text('contact_email'),
    statement: text('statement'),
    // What the contact typed, kept for the organiser: the society row may be a known one.
    // A known society's missing website is filled from here only when an organiser verifies.
    submittedName: text('submitted_name'),
    submittedWebsite: text('submitted_website'),
    submittedNameEn: text('submitted_name_en'),
    lang: text('lang').notNull().default('zh-Hans'),
    tokenHash: text('token_hash'),
    tokenExpiresAt: integer('token_expires_at'),
    mailsSent: integer('mails_sent').notNull().default(0),
    rejectReason: text('reject_reason'),
    ipHash: text('ip_hash'),
    createdAt: createdAt(),
    confirmedAt: integer('confirmed_at'),
    verifiedAt: integer('verified_at'),
    rejectedAt: integer('rejected_at'),
    // Folded search key of the submission (src/endorsements/names.ts searchKey): names,
    // website and contact domain, matched with instr() by the organiser's queue search.
    searchKey: text('search_key'),
  },
  (t) => [
    uniqueIndex('endorsements_pledge_society').on(t.pledgeId, t.societyId),
    uniqueIndex('endorsements_token').on(t.tokenHash),
    index('endorsements_pledge_state').on(t.pledgeId, t.state),
  ],
);

export const signatures = sqliteTable(
  'signatures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pledgeId: integer('pledge_id')
      .notNull()
      .references(() => pledges.id),
    lang: text('lang').notNull(),
    textVersion: text('text_version').notNull(),
    // pending | confirmed | withdrawn | invalidated | held
    state: text('state').notNull().default('pending'),
    // Personal data: erased (set to null) on withdrawal.
    name: text('name'),
    email: text('email'),
    // Normalised email (see src/signatures/email.ts): one signature per person per pledge.
    emailKey: text('email_key'),
    emailDomain: text('email_domain'),
    affiliation: text('affiliation'),
    title: text('title'),
    orcid: text('orcid'),
    field: text('field').notNull(),
    region: text('region').notNull(),
    societyId: integer('society_id'),
    public: integer('public', { mode: 'boolean' }).notNull().default(false),
    // Opt-in to the pledge's updates by mail (issue 15); cleared on withdrawal.
    updates: integer('updates', { mode: 'boolean' }).notNull().default(false),
    // An organiser can hide a consenting signer from the public list.
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    confirmTokenHash: text('confirm_token_hash'),
    withdrawTokenHash: text('withdraw_token_hash'),
    tokenExpiresAt: integer('token_expires_at'),
    mailsSent: integer('mails_sent').notNull().default(0),
    // HMAC-SHA-256 of the client IP with IP_HASH_SECRET; never the raw address.
    ipHash: text('ip_hash'),
    createdAt: createdAt(),
    confirmedAt: integer('confirmed_at'),
    withdrawnAt: integer('withdrawn_at'),
    invalidatedAt: integer('invalidated_at'),
    updatedAt: integer('updated_at'),
    // The organiser's category of an invalidation (src/log/entry.ts INVALIDATION_CATEGORIES).
    invalidationCategory: text('invalidation_category'),
    // When the retention job erased this row's personal data (src/signatures/retention.ts).
    erasedAt: integer('erased_at'),
    // email | institution | orcid (src/signatures/verification.ts): derived when the
    // signature is confirmed, never typed (migrations/0017_verification.sql).
    verification: text('verification').notNull().default('email'),
  },
  (t) => [
    uniqueIndex('signatures_pledge_email').on(t.pledgeId, t.emailKey),
    uniqueIndex('signatures_confirm_token').on(t.confirmTokenHash),
    uniqueIndex('signatures_withdraw_token').on(t.withdrawTokenHash),
    index('signatures_pledge_state').on(t.pledgeId, t.state, t.confirmedAt),
    index('signatures_ip_time').on(t.ipHash, t.createdAt),
    index('signatures_domain_time').on(t.emailDomain, t.createdAt),
    index('signatures_unerased').on(t.pledgeId, t.id).where(sql`erased_at IS NULL`),
    index('signatures_updates').on(t.pledgeId, t.id).where(sql`updates = 1`),
    index('signatures_pledge_verification').on(t.pledgeId, t.state, t.verification),
    index('signatures_pledge_orcid').on(t.pledgeId, t.orcid).where(sql`orcid IS NOT NULL`),
  ],
);

// Counters are derived data: triggers move them atomically with each state change,
// and the recount job rebuilds them from rows to repair drift. The metrics, what they
// count and their buckets ('' for totals): src/counts/counters.ts.
export const counters = sqliteTable(
  'counters',
  {
    pledgeId: integer('pledge_id').notNull(),
    metric: text('metric').notNull(),
    bucket: text('bucket').notNull().default(''),
    value: integer('value').notNull().default(0),
    updatedAt: integer('updated_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.pledgeId, t.metric, t.bucket] })],
);

// Development mail transport: what would have been sent. Never used in production.
export const devOutbox = sqliteTable(
  'dev_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    sentAt: createdAt('sent_at'),
    // JSON object of extra headers (List-Unsubscribe...), when the mail has them.
    headers: text('headers'),
  },
  // Tests and end-to-end runs look mails up by recipient.
  (t) => [index('dev_outbox_to').on(t.to)],
);

// Every organiser action: who, when, what, which rows.
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  target: text('target'),
  detail: text('detail'),
  createdAt: createdAt(),
});

// The public append-only log of counted and uncounted signatures and endorsements
// (src/log/): one row per event, appended by SQL triggers (src/counts/counters.ts)
// in the same statement that changes a state, so no code path can change a count
// without its entry. seq is the leaf index, 0, 1, 2... per pledge.
export const logEntries = sqliteTable(
  'log_entries',
  {
    pledgeId: integer('pledge_id').notNull(),
    seq: integer('seq').notNull(),
    // add | remove
    kind: text('kind').notNull(),
    // individual (signatures.id) | society (endorsements.id)
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id').notNull(),
    // 16 random bytes, hex. Private: published only inside the subject's own receipt.
    salt: text('salt').notNull(),
    createdAt: integer('created_at').notNull(),
    // Filled lazily by the Worker (SQLite cannot hash): SHA-256(salt || subject id) and
    // the RFC 6962 leaf hash, both hex.
    commitment: text('commitment'),
    leafHash: text('leaf_hash'),
    // Public reason of a removal (migrations/0014_tlog.sql): withdrawn | invalidated:<category>
    // | deleted | revoked; null for additions and for removals logged before the column.
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.pledgeId, t.seq] }),
    index('log_entries_subject').on(t.pledgeId, t.subjectType, t.subjectId),
    index('log_entries_unhashed').on(t.pledgeId, t.seq).where(sql`leaf_hash IS NULL`),
  ],
);

// Hashes of complete perfect subtrees (level >= 1; level 0 is log_entries.leaf_hash):
// node (level, idx) covers leaves [idx * 2^level, (idx + 1) * 2^level). Once complete a
// subtree never changes, so proofs for any tree size need O(log^2 n) reads, not a rehash.
export const logNodes = sqliteTable(
  'log_nodes',
  {
    pledgeId: integer('pledge_id').notNull(),
    level: integer('level').notNull(),
    idx: integer('idx').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pledgeId, t.level, t.idx] })],
);

// Signed tree heads, newest last. The counts are the published counters at tree_size,
// checked against the log's additions minus removals before signing.
export const logCheckpoints = sqliteTable(
  'log_checkpoints',
  {
    pledgeId: integer('pledge_id').notNull(),
    treeSize: integer('tree_size').notNull(),
    rootHash: text('root_hash').notNull(),
    individuals: integer('individuals').notNull(),
    societies: integer('societies').notNull(),
    timestamp: integer('timestamp').notNull(),
    keyId: text('key_id').notNull(),
    // Ed25519 over src/log/checkpoint.ts checkpointText(), base64.
    signature: text('signature').notNull(),
  },
  // An idle log gets a new checkpoint of the same size each Cron run (migrations/0019).
  (t) => [primaryKey({ columns: [t.pledgeId, t.treeSize, t.timestamp] })],
);

// Issue 13: every mail to a person, per pledge, keyed by an HMAC (IP_HASH_SECRET) of the
// normalised address, never the address (src/platform/mail/ledger.ts). capped: 1 for a
// mail someone else can trigger (at most 5 per recipient and pledge), 0 for an
// organiser's notice.
export const mailLedger = sqliteTable(
  'mail_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recipientKey: text('recipient_key').notNull(),
    pledgeId: integer('pledge_id').notNull(),
    kind: text('kind').notNull(),
    capped: integer('capped', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('mail_ledger_recipient').on(t.recipientKey, t.pledgeId, t.capped), index('mail_ledger_pledge').on(t.pledgeId)],
);

// The live links of a signature (SHA-256 hashes). kind: confirm | withdraw | manage |
// unsubscribe (issue 15: src/signatures/manage.actions.ts). A confirm
// link carries the details it was mailed for (JSON) and confirms exactly those. Rows
// are erased by trigger when the signature is withdrawn or deleted
// (migrations/0011a_signature_tokens.sql).
export const signatureTokens = sqliteTable(
  'signature_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    signatureId: integer('signature_id').notNull(),
    kind: text('kind').notNull(),
    details: text('details'),
    expiresAt: integer('expires_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('signature_tokens_signature').on(t.signatureId, t.kind)],
);

// Published statistics, one snapshot per pledge, replaced at most once per UTC hour
// (period 'YYYY-MM-DDTHH'): breakdowns are served from it until the next period, so
// successive answers cannot be differenced down to one signer (src/stats/).
export const statsSnapshots = sqliteTable('stats_snapshots', {
  pledgeId: integer('pledge_id').primaryKey(),
  period: text('period').notNull(),
  takenAt: integer('taken_at').notNull(),
  // JSON: { individuals, updatedAt, rows: [{ metric, bucket, value }] }
  body: text('body').notNull(),
});

// Organiser sessions (src/admin/session.ts; migrations/0013_admin_sessions.sql): a row per
// logged-in session, deleted at logout. id_hash is SHA-256 of the cookie's random id;
// fingerprint is an HMAC of ADMIN_TOKEN and SESSION_SECRET, so changing either ends
// every session.
export const adminSessions = sqliteTable(
  'admin_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    actor: text('actor').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('admin_sessions_expires').on(t.expiresAt)],
);

// The signer search key (migrations/0012c_search_keys.sql): a trigger writes the raw
// lower-cased name and affiliation on every insert or change of them (folded = 0), and
// the Worker folds scripts and confusables into it later (src/signatories/signatories.cron.ts).
export const signatureSearch = sqliteTable(
  'signature_search',
  {
    signatureId: integer('signature_id').primaryKey(),
    key: text('key').notNull(),
    folded: integer('folded', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('signature_search_unfolded').on(t.signatureId).where(sql`folded = 0`)],
);

// Witness cosignatures of checkpoints (migrations/0014_tlog.sql), append-only by trigger:
// the newest per witness is served with the checkpoint note (src/log/witnesses.ts).
export const logCosignatures = sqliteTable(
  'log_cosignatures',
  {
    pledgeId: integer('pledge_id').notNull(),
    treeSize: integer('tree_size').notNull(),
    witness: text('witness').notNull(),
    time: integer('time').notNull(),
    line: text('line').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pledgeId, t.treeSize, t.witness, t.time] })],
);

// Organisers' updates and milestones (src/updates/; migrations/0016_signer_updates.sql).
// kind: update | milestone. title and body: JSON {lang: text}, one to three languages.
// A milestone's threshold is unique per pledge, so it fires once. With notify, the
// update is mailed to opted-in confirmed signers in batches: mail_cursor is the last
// signature id enqueued, mailed_at when all are.
export const pledgeUpdates = sqliteTable(
  'pledge_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pledgeId: integer('pledge_id').notNull(),
    kind: text('kind', { enum: ['update', 'milestone'] }).notNull(),
    threshold: integer('threshold'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    notify: integer('notify', { mode: 'boolean' }).notNull().default(false),
    mailCursor: integer('mail_cursor').notNull().default(0),
    mailedAt: integer('mailed_at'),
    recipients: integer('recipients').notNull().default(0),
    actor: text('actor'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('pledge_updates_threshold').on(t.pledgeId, t.threshold),
    index('pledge_updates_pledge').on(t.pledgeId, t.createdAt),
    index('pledge_updates_unmailed').on(t.id).where(sql`notify = 1 AND mailed_at IS NULL`),
  ],
);

// Organiser-set milestone thresholds (JSON array of counts) besides the pledge's goal,
// and whether milestones are mailed.
export const pledgeMilestones = sqliteTable('pledge_milestones', {
  pledgeId: integer('pledge_id').primaryKey(),
  thresholds: text('thresholds').notNull().default('[]'),
  notify: integer('notify', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
});

// Organisers' changes to the academic and research domain list (issue 16;
// src/signatures/verification.queries.ts): listed 1 adds a domain and its subdomains,
// 0 removes it from the built-in list. Audited in audit_log.
export const institutionDomains = sqliteTable('institution_domains', {
  domain: text('domain').primaryKey(),
  listed: integer('listed', { mode: 'boolean' }).notNull(),
  note: text('note'),
  actor: text('actor').notNull(),
  createdAt: integer('created_at').notNull(),
});
