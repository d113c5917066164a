-- A society's public identity (names, website) comes only from verified data; names are
-- recognised by a key (src/endorsements/names.ts nameKey: invisible characters removed,
-- OpenCC Simplified folding, UTS #39 confusables skeleton). SQLite cannot compute the
-- keys: the Worker fills them for rows that have none (ensureNameKeys) before matching.
ALTER TABLE `societies` ADD `name_key` text;
--> statement-breakpoint
ALTER TABLE `societies` ADD `name_en_key` text;
--> statement-breakpoint
CREATE INDEX `societies_name_key` ON `societies` (`name_key`);
--> statement-breakpoint
CREATE INDEX `societies_name_en_key` ON `societies` (`name_en_key`);
--> statement-breakpoint
CREATE INDEX `societies_unkeyed` ON `societies` (`id`) WHERE name_key IS NULL AND name_en_key IS NULL;
--> statement-breakpoint
-- The English name as the contact typed it, kept on the submission (like submitted_name):
-- it reaches the society row only when an organiser verifies.
ALTER TABLE `endorsements` ADD `submitted_name_en` text;
--> statement-breakpoint
UPDATE `endorsements` SET `submitted_name_en` = (SELECT `name_en` FROM `societies` s WHERE s.id = endorsements.society_id)
  WHERE `submitted_name_en` IS NULL AND `founding` = 0;
--> statement-breakpoint
-- Unvetted details written by earlier versions leave the public society rows.
UPDATE `societies` SET `website` = NULL, `website_host` = NULL, `name_en` = NULL
  WHERE NOT EXISTS (SELECT 1 FROM `endorsements` e WHERE e.society_id = societies.id AND (e.state = 'verified' OR e.founding = 1));
