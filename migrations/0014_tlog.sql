-- The public log in the C2SP formats (src/log/tlog*.ts). Witness cosignatures of
-- checkpoints (c2sp.org/tlog-cosignature): the lines each witness returned, by tree size
-- and cosignature time (the Cron Trigger asks again every 15 minutes, so an idle log
-- still has fresh cosignatures); the newest per witness is served with the checkpoint
-- note. Append-only like the rest of the log.
CREATE TABLE `log_cosignatures` (
	`pledge_id` integer NOT NULL,
	`tree_size` integer NOT NULL,
	`witness` text NOT NULL,
	`time` integer NOT NULL,
	`line` text NOT NULL,
	PRIMARY KEY(`pledge_id`, `tree_size`, `witness`, `time`)
);
--> statement-breakpoint
CREATE TRIGGER log_cosignatures_no_update BEFORE UPDATE ON log_cosignatures
BEGIN
  SELECT RAISE(ABORT, 'log_cosignatures is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER log_cosignatures_no_delete BEFORE DELETE ON log_cosignatures
BEGIN
  SELECT RAISE(ABORT, 'log_cosignatures is append-only');
END;
--> statement-breakpoint
-- Removal reasons (public, in the leaf): 'withdrawn' (by the signer) or
-- 'invalidated:<category>' (by an organiser: duplicate, fraud, suspicious, other; a
-- deleted row: deleted; a society no longer verified: revoked). NULL for additions and
-- for removals logged before this migration (their leaves keep their bytes).
ALTER TABLE `log_entries` ADD `reason` text;
--> statement-breakpoint
-- The organiser's category of an invalidation (src/log/entry.ts INVALIDATION_CATEGORIES).
ALTER TABLE `signatures` ADD `invalidation_category` text;
--> statement-breakpoint
DROP TRIGGER log_entries_no_rewrite;
--> statement-breakpoint
CREATE TRIGGER log_entries_no_rewrite BEFORE UPDATE OF pledge_id, seq, kind, subject_type, subject_id, salt, created_at, reason ON log_entries
BEGIN
  SELECT RAISE(ABORT, 'log_entries is append-only');
END;
--> statement-breakpoint
DROP TRIGGER log_signature_remove_on_update;
--> statement-breakpoint
CREATE TRIGGER log_signature_remove_on_update AFTER UPDATE OF state ON signatures WHEN old.state = 'confirmed' AND new.state != 'confirmed'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at, reason)
  SELECT old.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = old.pledge_id), 0), 'remove', 'individual', old.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = old.pledge_id AND subject_type = 'individual' AND subject_id = old.id LIMIT 1), lower(hex(randomblob(16)))),
    (CAST(unixepoch('now') AS INTEGER) / 3600) * 3600000,
    CASE new.state WHEN 'withdrawn' THEN 'withdrawn' ELSE 'invalidated:' || coalesce(new.invalidation_category, 'other') END;
END;
--> statement-breakpoint
DROP TRIGGER log_signature_remove_on_delete;
--> statement-breakpoint
CREATE TRIGGER log_signature_remove_on_delete AFTER DELETE ON signatures WHEN old.state = 'confirmed'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at, reason)
  SELECT old.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = old.pledge_id), 0), 'remove', 'individual', old.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = old.pledge_id AND subject_type = 'individual' AND subject_id = old.id LIMIT 1), lower(hex(randomblob(16)))),
    (CAST(unixepoch('now') AS INTEGER) / 3600) * 3600000, 'invalidated:deleted';
END;
--> statement-breakpoint
DROP TRIGGER log_endorsement_remove_on_update;
--> statement-breakpoint
CREATE TRIGGER log_endorsement_remove_on_update AFTER UPDATE OF state ON endorsements WHEN old.state = 'verified' AND new.state != 'verified'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at, reason)
  SELECT old.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = old.pledge_id), 0), 'remove', 'society', old.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = old.pledge_id AND subject_type = 'society' AND subject_id = old.id LIMIT 1), lower(hex(randomblob(16)))),
    (CAST(unixepoch('now') AS INTEGER) / 3600) * 3600000, 'invalidated:revoked';
END;
--> statement-breakpoint
DROP TRIGGER log_endorsement_remove_on_delete;
--> statement-breakpoint
CREATE TRIGGER log_endorsement_remove_on_delete AFTER DELETE ON endorsements WHEN old.state = 'verified'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at, reason)
  SELECT old.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = old.pledge_id), 0), 'remove', 'society', old.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = old.pledge_id AND subject_type = 'society' AND subject_id = old.id LIMIT 1), lower(hex(randomblob(16)))),
    (CAST(unixepoch('now') AS INTEGER) / 3600) * 3600000, 'invalidated:deleted';
END;
--> statement-breakpoint
DROP TRIGGER log_signature_add_on_update;
--> statement-breakpoint
CREATE TRIGGER log_signature_add_on_update AFTER UPDATE OF state ON signatures WHEN old.state != 'confirmed' AND new.state = 'confirmed'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT new.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = new.pledge_id), 0), 'add', 'individual', new.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = new.pledge_id AND subject_type = 'individual' AND subject_id = new.id LIMIT 1), lower(hex(randomblob(16)))),
    (CAST(unixepoch('now') AS INTEGER) / 3600) * 3600000;
END;
--> statement-breakpoint
DROP TRIGGER log_signature_add_on_insert;
--> statement-breakpoint
CREATE TRIGGER log_signature_add_on_insert AFTER INSERT ON signatures WHEN new.state = 'confirmed'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT new.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = new.pledge_id), 0), 'add', 'individual', new.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = new.pledge_id AND subject_type = 'individual' AND subject_id = new.id LIMIT 1), lower(hex(randomblob(16)))),
    (CAST(unixepoch('now') AS INTEGER) / 3600) * 3600000;
END;
--> statement-breakpoint
DROP TRIGGER log_endorsement_add_on_update;
--> statement-breakpoint
CREATE TRIGGER log_endorsement_add_on_update AFTER UPDATE OF state ON endorsements WHEN old.state != 'verified' AND new.state = 'verified'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT new.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = new.pledge_id), 0), 'add', 'society', new.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = new.pledge_id AND subject_type = 'society' AND subject_id = new.id LIMIT 1), lower(hex(randomblob(16)))),
    (CAST(unixepoch('now') AS INTEGER) / 3600) * 3600000;
END;
--> statement-breakpoint
DROP TRIGGER log_endorsement_add_on_insert;
--> statement-breakpoint
CREATE TRIGGER log_endorsement_add_on_insert AFTER INSERT ON endorsements WHEN new.state = 'verified'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT new.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = new.pledge_id), 0), 'add', 'society', new.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = new.pledge_id AND subject_type = 'society' AND subject_id = new.id LIMIT 1), lower(hex(randomblob(16)))),
    (CAST(unixepoch('now') AS INTEGER) / 3600) * 3600000;
END;
--> statement-breakpoint
-- The public signer list, by day of confirmation (newest first) and by name within a
-- day (src/signatories/signatories.queries.ts): no order by time within a day.
CREATE INDEX `signatures_wall` ON `signatures` (`pledge_id`, (confirmed_at / 86400000) DESC, `name`, `id`) WHERE state = 'confirmed' AND public = 1 AND hidden = 0;
