// Institution detection (issue 16): real domains from the swot list and the research
// list, look-alikes that must not match, and organisers' rules.
import { describe, expect, it } from 'vitest';
import { SWOT_DOMAINS } from '../../src/signatures/academic-domains.generated.ts';
import { domainKey, isInstitutionDomain, levelOf } from '../../src/signatures/verification.ts';

describe('institution detection', () => {
  it('the generated list is the swot list, whole', () => {
    const count = SWOT_DOMAINS.reduce((n, g) => n + g.split(' ').length - 1, 0);
    expect(count).toBeGreaterThan(20_000);
    // Sorted by parent: lookups binary-search it.
    const parents = SWOT_DOMAINS.map((g) => g.slice(0, g.indexOf(' ')));
    expect(parents.every((p, i) => i === 0 || parents[i - 1]! < p)).toBe(true);
    expect(SWOT_DOMAINS.find((g) => g.startsWith('edu.cn '))?.split(' ')).toEqual(expect.arrayContaining(['pku', 'tsinghua', 'fudan', 'ustc']));
  });

  it('matches real academic and research domains, and their subdomains', () => {
    for (const d of [
      'pku.edu.cn',
      'mail.tsinghua.edu.cn',
      'fudan.edu.cn',
      'ustc.edu.cn',
      'mit.edu',
      'ox.ac.uk',
      'cam.ac.uk',
      'u-tokyo.ac.jp',
      'ethz.ch',
      'ihep.ac.cn',
      'cas.cn',
      'iop.cas.cn',
      'mails.ucas.ac.cn',
      'cern.ch',
      'PKU.EDU.CN.',
      // Listed in swot under parents that are not academic suffixes.
      'student.42.rio',
      'xjtlu.cn',
      'ecnu.cn',
    ]) {
      expect(isInstitutionDomain(d), d).toBe(true);
    }
  });

  it('refuses look-alikes: a listed domain inside another domain, or a suffix that is not at the end', () => {
    for (const d of [
      'pku.edu.cn.evil.example',
      'edu.cn.example.org',
      'mit.edu.evil.com',
      'ox.ac.uk.example.net',
      'cas.cn.example.com',
      'pkuedu.cn',
      'notcas.cn',
      'mitedu.com',
      'edu.cn',
      'ac.uk',
      'edu',
      'gmail.com',
      'qq.com',
      '163.com',
      'example.org',
    ]) {
      expect(isInstitutionDomain(d), d).toBe(false);
    }
  });

  it("keeps swot's stoplist out", () => {
    expect(isInstitutionDomain('si.edu')).toBe(false);
    expect(isInstitutionDomain('mail.si.edu')).toBe(false);
  });

  it("applies organisers' rules, the most specific first", () => {
    const rules = [
      { domain: 'example-institute.org', listed: true },
      { domain: 'alumni.pku.edu.cn', listed: false },
      { domain: 'staff.alumni.pku.edu.cn', listed: true },
    ];
    expect(isInstitutionDomain('example-institute.org', rules)).toBe(true);
    expect(isInstitutionDomain('lab.example-institute.org', rules)).toBe(true);
    expect(isInstitutionDomain('example-institute.org.evil.example', rules)).toBe(false);
    expect(isInstitutionDomain('alumni.pku.edu.cn', rules)).toBe(false);
    expect(isInstitutionDomain('x.alumni.pku.edu.cn', rules)).toBe(false);
    expect(isInstitutionDomain('staff.alumni.pku.edu.cn', rules)).toBe(true);
    expect(isInstitutionDomain('pku.edu.cn', rules)).toBe(true);
  });

  it('rejects what is not a domain', () => {
    for (const d of ['', 'localhost', 'a..b', '-x.edu', 'x_y.edu', 'pku.edu.cn/evil', 'a b.edu']) expect(domainKey(d), d).toBeNull();
  });

  it('derives the level: orcid over institution over email', () => {
    expect(levelOf({ emailDomain: 'pku.edu.cn', orcidProven: true })).toBe('orcid');
    expect(levelOf({ emailDomain: 'pku.edu.cn', orcidProven: false })).toBe('institution');
    expect(levelOf({ emailDomain: 'gmail.com', orcidProven: false })).toBe('email');
    expect(levelOf({ emailDomain: null, orcidProven: false })).toBe('email');
  });
});
