CREATE TABLE `log_checkpoints` (
	`pledge_id` integer NOT NULL,
	`tree_size` integer NOT NULL,
	`root_hash` text NOT NULL,
	`individuals` integer NOT NULL,
	`societies` integer NOT NULL,
	`timestamp` integer NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL,
	PRIMARY KEY(`pledge_id`, `tree_size`)
);
--> statement-breakpoint
CREATE TABLE `log_entries` (
	`pledge_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`salt` text NOT NULL,
	`created_at` integer NOT NULL,
	`commitment` text,
	`leaf_hash` text,
	PRIMARY KEY(`pledge_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `log_entries_subject` ON `log_entries` (`pledge_id`,`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `log_entries_unhashed` ON `log_entries` (`pledge_id`,`seq`) WHERE leaf_hash IS NULL;--> statement-breakpoint
CREATE TABLE `log_nodes` (
	`pledge_id` integer NOT NULL,
	`level` integer NOT NULL,
	`idx` integer NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`pledge_id`, `level`, `idx`)
);
