-- The public log (src/log/) follows the same state changes as the counters
-- (0001_counter_triggers.sql), inside the same statement: a signature entering
-- 'confirmed' appends an 'add' entry for an individual, leaving it (withdrawal,
-- invalidation, deletion) a 'remove'; likewise endorsements and 'verified' for
-- societies. seq is the next leaf index of the pledge's log (D1 runs one statement at a
-- time, so it never repeats or skips). A subject keeps the salt of its first entry, so
-- its removal carries the same commitment as its addition.
--
-- First, entries for whatever already counts (databases migrated after launch).
--> statement-breakpoint
INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
SELECT pledge_id, row_number() OVER (PARTITION BY pledge_id ORDER BY t, subject_type, subject_id) - 1, 'add', subject_type, subject_id, lower(hex(randomblob(16))), t
FROM (
  SELECT pledge_id, 'society' AS subject_type, id AS subject_id, CAST(coalesce(verified_at, created_at) AS INTEGER) AS t FROM endorsements WHERE state = 'verified'
  UNION ALL
  SELECT pledge_id, 'individual', id, CAST(coalesce(confirmed_at, created_at) AS INTEGER) FROM signatures WHERE state = 'confirmed'
);
--> statement-breakpoint
CREATE TRIGGER log_signature_add_on_update AFTER UPDATE OF state ON signatures WHEN old.state != 'confirmed' AND new.state = 'confirmed'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT new.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = new.pledge_id), 0), 'add', 'individual', new.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = new.pledge_id AND subject_type = 'individual' AND subject_id = new.id LIMIT 1), lower(hex(randomblob(16)))), CAST(unixepoch('subsec') * 1000 AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER log_signature_remove_on_update AFTER UPDATE OF state ON signatures WHEN old.state = 'confirmed' AND new.state != 'confirmed'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT old.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = old.pledge_id), 0), 'remove', 'individual', old.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = old.pledge_id AND subject_type = 'individual' AND subject_id = old.id LIMIT 1), lower(hex(randomblob(16)))), CAST(unixepoch('subsec') * 1000 AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER log_signature_add_on_insert AFTER INSERT ON signatures WHEN new.state = 'confirmed'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT new.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = new.pledge_id), 0), 'add', 'individual', new.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = new.pledge_id AND subject_type = 'individual' AND subject_id = new.id LIMIT 1), lower(hex(randomblob(16)))), CAST(unixepoch('subsec') * 1000 AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER log_signature_remove_on_delete AFTER DELETE ON signatures WHEN old.state = 'confirmed'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT old.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = old.pledge_id), 0), 'remove', 'individual', old.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = old.pledge_id AND subject_type = 'individual' AND subject_id = old.id LIMIT 1), lower(hex(randomblob(16)))), CAST(unixepoch('subsec') * 1000 AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER log_endorsement_add_on_update AFTER UPDATE OF state ON endorsements WHEN old.state != 'verified' AND new.state = 'verified'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT new.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = new.pledge_id), 0), 'add', 'society', new.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = new.pledge_id AND subject_type = 'society' AND subject_id = new.id LIMIT 1), lower(hex(randomblob(16)))), CAST(unixepoch('subsec') * 1000 AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER log_endorsement_remove_on_update AFTER UPDATE OF state ON endorsements WHEN old.state = 'verified' AND new.state != 'verified'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT old.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = old.pledge_id), 0), 'remove', 'society', old.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = old.pledge_id AND subject_type = 'society' AND subject_id = old.id LIMIT 1), lower(hex(randomblob(16)))), CAST(unixepoch('subsec') * 1000 AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER log_endorsement_add_on_insert AFTER INSERT ON endorsements WHEN new.state = 'verified'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT new.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = new.pledge_id), 0), 'add', 'society', new.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = new.pledge_id AND subject_type = 'society' AND subject_id = new.id LIMIT 1), lower(hex(randomblob(16)))), CAST(unixepoch('subsec') * 1000 AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER log_endorsement_remove_on_delete AFTER DELETE ON endorsements WHEN old.state = 'verified'
BEGIN
  INSERT INTO log_entries (pledge_id, seq, kind, subject_type, subject_id, salt, created_at)
  SELECT old.pledge_id, coalesce((SELECT max(seq) + 1 FROM log_entries WHERE pledge_id = old.pledge_id), 0), 'remove', 'society', old.id,
    coalesce((SELECT salt FROM log_entries WHERE pledge_id = old.pledge_id AND subject_type = 'society' AND subject_id = old.id LIMIT 1), lower(hex(randomblob(16)))), CAST(unixepoch('subsec') * 1000 AS INTEGER);
END;
--> statement-breakpoint
-- Append-only: published fields never change and nothing is deleted. The Worker may
-- only fill the cached hashes once.
CREATE TRIGGER log_entries_no_delete BEFORE DELETE ON log_entries
BEGIN
  SELECT RAISE(ABORT, 'log_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER log_entries_no_rewrite BEFORE UPDATE OF pledge_id, seq, kind, subject_type, subject_id, salt, created_at ON log_entries
BEGIN
  SELECT RAISE(ABORT, 'log_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER log_entries_hashes_once BEFORE UPDATE OF commitment, leaf_hash ON log_entries
  WHEN (old.commitment IS NOT NULL AND new.commitment IS NOT old.commitment) OR (old.leaf_hash IS NOT NULL AND new.leaf_hash IS NOT old.leaf_hash)
BEGIN
  SELECT RAISE(ABORT, 'log_entries hashes are written once');
END;
--> statement-breakpoint
CREATE TRIGGER log_nodes_no_update BEFORE UPDATE ON log_nodes
BEGIN
  SELECT RAISE(ABORT, 'log_nodes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER log_nodes_no_delete BEFORE DELETE ON log_nodes
BEGIN
  SELECT RAISE(ABORT, 'log_nodes is append-only');
END;
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
