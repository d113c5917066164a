-- Issue 13: one ledger of mails per recipient and pledge. recipient_key is an HMAC
-- (IP_HASH_SECRET) of the normalised address, never the address itself. capped = 1 for
-- mails someone else can trigger (at most 5 per recipient and pledge), 0 for notices an
-- organiser's action sends.
CREATE TABLE `mail_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_key` text NOT NULL,
	`pledge_id` integer NOT NULL,
	`kind` text NOT NULL,
	`capped` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mail_ledger_recipient` ON `mail_ledger` (`recipient_key`,`pledge_id`,`capped`);
