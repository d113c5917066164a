-- The public log in the C2SP formats (src/log/tlog*.ts). Witness cosignatures of
-- checkpoints (c2sp.org/tlog-cosignature): one line per witness and tree size, served
-- with the checkpoint note. Append-only like the rest of the log.
CREATE TABLE `log_cosignatures` (
	`pledge_id` integer NOT NULL,
	`tree_size` integer NOT NULL,
	`witness` text NOT NULL,
	`time` integer NOT NULL,
	`line` text NOT NULL,
	PRIMARY KEY(`pledge_id`, `tree_size`, `witness`)
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
