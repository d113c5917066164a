import { type Context, Hono } from 'hono';
import { formStrings } from '../platform/http/pages.ts';
import { fieldCodes } from '../platform/http/text.ts';
import { translateFieldCodes } from '../platform/i18n/fields.ts';
import type { FormState } from '../platform/ui/FormParts.tsx';
import { listDomainRules } from '../signatures/verification.queries.ts';
import { domainKey, isInstitutionDomain } from '../signatures/verification.ts';
import { InstitutionRules } from './AdminInstitutions.tsx';
import { adminPage } from './AdminPage.tsx';
import { adminFieldMessages, adminWords, fill } from './admin.messages.ts';
import type { AdminEnv } from './auth.ts';
import { deleteInstitutionRule, putInstitutionRule } from './institutions.actions.ts';
import { domainRuleBody } from './institutions.input.ts';
import { institutionFieldWords, institutionWords } from './institutions.messages.ts';

// /admin/institutions (issue 16): the organisers' rules over the institution domain list.
type C = Context<AdminEnv>;

async function page(c: C, form: FormState, opts: { notice?: string; status?: 200 | 400; check?: string } = {}) {
  const rules = await listDomainRules(c.var.db);
  const check = opts.check ? domainKey(opts.check.replace(/^.*@/, '')) : null;
  return adminPage(
    c,
    institutionWords(c.get('lang')).title,
    <InstitutionRules
      lang={c.get('lang')}
      form={form}
      rules={rules.map((r) => ({ ...r, builtIn: isInstitutionDomain(r.domain) }))}
      checked={check ? { domain: check, academic: isInstitutionDomain(check, rules) } : null}
    />,
    { notice: opts.notice, status: opts.status },
  );
}

export function institutionRoutes() {
  const r = new Hono<AdminEnv>();

  r.get('/institutions', (c) => page(c, { values: { listed: '1' }, errors: {} }, { check: c.req.query('check')?.slice(0, 300) }));

  r.post('/institutions', async (c) => {
    const lang = c.get('lang');
    const form = await formStrings(c);
    const parsed = domainRuleBody.safeParse({ domain: form.domain ?? '', listed: form.listed !== '0', ...(form.note?.trim() ? { note: form.note.trim() } : {}) });
    if (!parsed.success) {
      const codes = fieldCodes(parsed.error);
      const errors = translateFieldCodes(institutionFieldWords[lang], adminFieldMessages(lang, { x: 'invalid' }).x ?? '', codes);
      return page(c, { values: form, errors }, { status: 400 });
    }
    const done = await putInstitutionRule(c, { domain: parsed.data.domain, listed: parsed.data.listed, note: parsed.data.note ?? null });
    return page(c, { values: { listed: '1' }, errors: {} }, { notice: fill(institutionWords(lang).saved, { n: done.changed }) });
  });

  r.post('/institutions/:domain/delete', async (c) => {
    const domain = domainKey(c.req.param('domain'));
    const done = domain ? await deleteInstitutionRule(c, domain) : null;
    const w = adminWords(c.get('lang'));
    return page(c, { values: { listed: '1' }, errors: {} }, { notice: done ? fill(institutionWords(c.get('lang')).saved, { n: done.changed }) : w.wrongState });
  });

  return r;
}
