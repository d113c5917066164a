-- Search that never fails (D1 refuses LIKE patterns over 50 bytes) and matches across
-- scripts: a search key per row, matched with instr() (no pattern length limit).
-- Signatures: a trigger writes the raw lower-cased name and affiliation at once (so no
-- write path can forget it); the Worker folds it with OpenCC (src/endorsements/names.ts
-- searchKey) and marks it folded. Endorsements: the Worker writes the folded key with
-- the submission; rows from before are folded on first use of the queue.
CREATE TABLE `signature_search` (
	`signature_id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`folded` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `signature_search_unfolded` ON `signature_search` (`signature_id`) WHERE folded = 0;
--> statement-breakpoint
CREATE TRIGGER signature_search_on_insert AFTER INSERT ON signatures
BEGIN
  INSERT OR REPLACE INTO signature_search (signature_id, key, folded) VALUES (new.id, lower(coalesce(new.name, '') || ' ' || coalesce(new.affiliation, '')), 0);
END;
--> statement-breakpoint
CREATE TRIGGER signature_search_on_update AFTER UPDATE OF name, affiliation ON signatures
  WHEN old.name IS NOT new.name OR old.affiliation IS NOT new.affiliation
BEGIN
  INSERT OR REPLACE INTO signature_search (signature_id, key, folded) VALUES (new.id, lower(coalesce(new.name, '') || ' ' || coalesce(new.affiliation, '')), 0);
END;
--> statement-breakpoint
INSERT OR IGNORE INTO signature_search (signature_id, key, folded)
  SELECT id, lower(coalesce(name, '') || ' ' || coalesce(affiliation, '')), 0 FROM signatures;
--> statement-breakpoint
ALTER TABLE `endorsements` ADD `search_key` text;
--> statement-breakpoint
CREATE INDEX `endorsements_unkeyed` ON `endorsements` (`id`) WHERE search_key IS NULL;
--> statement-breakpoint
-- Organiser signals: submissions from the same contact address or network.
CREATE INDEX `endorsements_contact_email` ON `endorsements` (`contact_email`);
--> statement-breakpoint
CREATE INDEX `endorsements_ip_hash` ON `endorsements` (`ip_hash`);
