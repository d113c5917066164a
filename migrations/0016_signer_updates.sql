-- Issue 15: signers stay in touch and in charge.
-- The updates opt-in ("email me about this pledge"), default off. Withdrawal clears it.
-- ADD COLUMN does not rebuild the table, so its triggers stay.
ALTER TABLE `signatures` ADD `updates` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- The mailing of an update walks the opted-in signers of a pledge by id.
CREATE INDEX `signatures_updates` ON `signatures` (`pledge_id`, `id`) WHERE updates = 1;
--> statement-breakpoint
-- Organisers' updates and milestones, shown on the pledge page and at
-- /api/pledges/:slug/updates. title and body are JSON objects {lang: text} in one to
-- three languages. A milestone has its threshold; the unique index makes each
-- threshold fire once per pledge, even when the count drops and rises again (NULLs,
-- the organisers' updates, are distinct). With notify, the update is mailed to the
-- opted-in confirmed signers: mail_cursor is the last signature id enqueued, mailed_at
-- is set when every batch is enqueued.
CREATE TABLE `pledge_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pledge_id` integer NOT NULL,
	`kind` text NOT NULL,
	`threshold` integer,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`notify` integer DEFAULT 0 NOT NULL,
	`mail_cursor` integer DEFAULT 0 NOT NULL,
	`mailed_at` integer,
	`recipients` integer DEFAULT 0 NOT NULL,
	`actor` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pledge_updates_threshold` ON `pledge_updates` (`pledge_id`, `threshold`);
--> statement-breakpoint
CREATE INDEX `pledge_updates_pledge` ON `pledge_updates` (`pledge_id`, `created_at`);
--> statement-breakpoint
CREATE INDEX `pledge_updates_unmailed` ON `pledge_updates` (`id`) WHERE notify = 1 AND mailed_at IS NULL;
--> statement-breakpoint
-- Organiser-set milestone thresholds per pledge (JSON array of counts), besides the
-- pledge's goal, and whether milestones are mailed.
CREATE TABLE `pledge_milestones` (
	`pledge_id` integer PRIMARY KEY NOT NULL,
	`thresholds` text DEFAULT '[]' NOT NULL,
	`notify` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
-- Mail headers (List-Unsubscribe...) as the development outbox shows them (JSON).
ALTER TABLE `dev_outbox` ADD `headers` text;
