-- Issue 16: how strongly each signature is verified (src/signatures/verification.ts).
-- verification: 'email' (the mailbox was confirmed), 'institution' (the confirmed
-- mailbox's domain is academic or research), 'orcid' (the signer proved the ORCID iD in
-- `orcid` by signing in with ORCID). Derived by the Worker when a signature is confirmed
-- (and again for a domain when organisers change the list), never typed by the signer.
-- An ORCID iD typed without signing in stays in `orcid` with level 'email' or
-- 'institution': it is shown as claimed.
ALTER TABLE `signatures` ADD `verification` text DEFAULT 'email' NOT NULL;
--> statement-breakpoint
-- The verified counts of the counts API and the stats: a covering range per level.
CREATE INDEX `signatures_pledge_verification` ON `signatures` (`pledge_id`, `state`, `verification`);
--> statement-breakpoint
-- Is this ORCID iD already proven by another signature of the pledge?
CREATE INDEX `signatures_pledge_orcid` ON `signatures` (`pledge_id`, `orcid`) WHERE orcid IS NOT NULL;
--> statement-breakpoint
-- The organisers' changes to the list of academic and research domains (the built-in
-- list comes from swot, src/signatures/academic-domains.generated.ts): listed = 1 adds a
-- domain (and its subdomains), listed = 0 removes it. The most specific rule wins.
-- Every change is also written to audit_log.
CREATE TABLE `institution_domains` (
	`domain` text PRIMARY KEY NOT NULL,
	`listed` integer NOT NULL,
	`note` text,
	`actor` text NOT NULL,
	`created_at` integer NOT NULL
);
