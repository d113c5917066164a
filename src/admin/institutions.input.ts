import { z } from 'zod';
import { domainKey } from '../signatures/verification.ts';

// An organiser's rule for the academic and research domain list (issue 16).
const domain = z
  .string({ error: (iss) => (iss.input === undefined ? 'required' : 'invalid') })
  .refine((s) => s.trim() !== '', 'required')
  .refine((s) => s.trim() === '' || domainKey(s.replace(/^@/, '')) !== null, 'invalid')
  .transform((s) => domainKey(s.replace(/^@/, ''))!)
  .describe('A mail domain such as ihep.ac.cn (its subdomains follow the same rule)');

export const domainRuleBody = z
  .object({
    domain,
    listed: z.boolean({ error: 'invalid' }).describe('true: mail at this domain is from an academic or research institution; false: it is not (overrides the built-in list)'),
    note: z.string({ error: 'invalid' }).max(200, 'tooLong').optional().describe('Why (kept with the rule, shown in the console)'),
  })
  .strict();

export const domainParams = z.object({ domain });
