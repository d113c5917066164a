-- Issue 17, freshness: an idle log gets a new checkpoint every Cron run (same tree size
-- and root, a new timestamp; src/log/log.cron.ts), so a tree size may now have more than
-- one checkpoint. The table is rebuilt with the timestamp in its key (SQLite cannot
-- change a primary key in place); every row is copied as it was, so checkpoints signed
-- before keep verifying, and the append-only triggers are written again.
CREATE TABLE `__new_log_checkpoints` (
	`pledge_id` integer NOT NULL,
	`tree_size` integer NOT NULL,
	`root_hash` text NOT NULL,
	`individuals` integer NOT NULL,
	`societies` integer NOT NULL,
	`timestamp` integer NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL,
	PRIMARY KEY(`pledge_id`, `tree_size`, `timestamp`)
);
--> statement-breakpoint
INSERT INTO `__new_log_checkpoints` (`pledge_id`, `tree_size`, `root_hash`, `individuals`, `societies`, `timestamp`, `key_id`, `signature`)
  SELECT `pledge_id`, `tree_size`, `root_hash`, `individuals`, `societies`, `timestamp`, `key_id`, `signature` FROM `log_checkpoints`;
--> statement-breakpoint
DROP TABLE `log_checkpoints`;
--> statement-breakpoint
ALTER TABLE `__new_log_checkpoints` RENAME TO `log_checkpoints`;
--> statement-breakpoint
CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'log_checkpoints is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'log_checkpoints is append-only');
END;
--> statement-breakpoint
-- Issue 15, retention (src/signatures/retention*.ts): signers' personal data is erased
-- `retention_days` after the pledge closes (closes_at; never for a pledge without one),
-- by the Cron Trigger in batches. personal_data_erased_at: when the last batch of a
-- pledge finished (NULL again when an organiser moves closes_at or retention_days).
ALTER TABLE `pledges` ADD `retention_days` integer DEFAULT 180 NOT NULL;
--> statement-breakpoint
ALTER TABLE `pledges` ADD `personal_data_erased_at` integer;
--> statement-breakpoint
-- When this signature's personal data was erased (NULL: not yet).
ALTER TABLE `signatures` ADD `erased_at` integer;
--> statement-breakpoint
CREATE INDEX `signatures_unerased` ON `signatures` (`pledge_id`, `id`) WHERE erased_at IS NULL;
--> statement-breakpoint
-- The mail ledger of a pledge is erased with its signers' data.
CREATE INDEX `mail_ledger_pledge` ON `mail_ledger` (`pledge_id`);
