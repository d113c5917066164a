-- Issue 13: a signature holds any number of live links. A confirm link carries the
-- details it was mailed for (JSON), so it confirms exactly those; a reminder adds a
-- withdraw link and never revokes one. Tokens are stored as SHA-256 hashes only.
CREATE TABLE `signature_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`signature_id` integer NOT NULL,
	`kind` text NOT NULL,
	`details` text,
	`expires_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `signature_tokens_signature` ON `signature_tokens` (`signature_id`,`kind`);
--> statement-breakpoint
-- The links already mailed keep working (details NULL: the row's own details).
INSERT INTO `signature_tokens` (`token_hash`, `signature_id`, `kind`, `details`, `expires_at`, `created_at`)
  SELECT `confirm_token_hash`, `id`, 'confirm', NULL, `token_expires_at`, coalesce(`updated_at`, `created_at`) FROM `signatures` WHERE `confirm_token_hash` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `signature_tokens` (`token_hash`, `signature_id`, `kind`, `details`, `expires_at`, `created_at`)
  SELECT `withdraw_token_hash`, `id`, 'withdraw', NULL, NULL, coalesce(`updated_at`, `created_at`) FROM `signatures` WHERE `withdraw_token_hash` IS NOT NULL;
--> statement-breakpoint
-- Withdrawal erases personal data, including the details a pending link carries; so
-- does deleting a row (the expiry job).
CREATE TRIGGER `signature_tokens_erase_on_withdraw` AFTER UPDATE OF `state` ON `signatures` WHEN new.state = 'withdrawn'
BEGIN
  DELETE FROM `signature_tokens` WHERE `signature_id` = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `signature_tokens_erase_on_delete` AFTER DELETE ON `signatures`
BEGIN
  DELETE FROM `signature_tokens` WHERE `signature_id` = old.id;
END;
