CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`detail` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`pledge_id` integer NOT NULL,
	`metric` text NOT NULL,
	`bucket` text DEFAULT '' NOT NULL,
	`value` integer DEFAULT 0 NOT NULL,
	`updated_at` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`pledge_id`, `metric`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `dev_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`sent_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `endorsements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pledge_id` integer NOT NULL,
	`society_id` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`founding` integer DEFAULT false NOT NULL,
	`position` integer,
	`contact_name` text,
	`contact_role` text,
	`contact_email` text,
	`statement` text,
	`lang` text DEFAULT 'zh-Hans' NOT NULL,
	`token_hash` text,
	`token_expires_at` integer,
	`mails_sent` integer DEFAULT 0 NOT NULL,
	`reject_reason` text,
	`ip_hash` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`confirmed_at` integer,
	`verified_at` integer,
	`rejected_at` integer,
	FOREIGN KEY (`pledge_id`) REFERENCES `pledges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`society_id`) REFERENCES `societies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `endorsements_pledge_society` ON `endorsements` (`pledge_id`,`society_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `endorsements_token` ON `endorsements` (`token_hash`);--> statement-breakpoint
CREATE INDEX `endorsements_pledge_state` ON `endorsements` (`pledge_id`,`state`);--> statement-breakpoint
CREATE TABLE `pledge_texts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pledge_id` integer NOT NULL,
	`lang` text NOT NULL,
	`version` text NOT NULL,
	`title` text NOT NULL,
	`subtitle` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	`societies_heading` text DEFAULT '' NOT NULL,
	`current` integer DEFAULT true NOT NULL,
	`published_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pledge_id`) REFERENCES `pledges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pledge_texts_version` ON `pledge_texts` (`pledge_id`,`lang`,`version`);--> statement-breakpoint
CREATE INDEX `pledge_texts_current` ON `pledge_texts` (`pledge_id`,`lang`,`current`);--> statement-breakpoint
CREATE TABLE `pledges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`goal` integer,
	`opens_at` integer,
	`closes_at` integer,
	`featured` integer DEFAULT false NOT NULL,
	`default_lang` text DEFAULT 'zh-Hans' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pledges_slug_unique` ON `pledges` (`slug`);--> statement-breakpoint
CREATE TABLE `signatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pledge_id` integer NOT NULL,
	`lang` text NOT NULL,
	`text_version` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`name` text,
	`email` text,
	`email_key` text,
	`email_domain` text,
	`affiliation` text,
	`title` text,
	`orcid` text,
	`field` text NOT NULL,
	`region` text NOT NULL,
	`society_id` integer,
	`public` integer DEFAULT false NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`confirm_token_hash` text,
	`withdraw_token_hash` text,
	`token_expires_at` integer,
	`mails_sent` integer DEFAULT 0 NOT NULL,
	`ip_hash` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`confirmed_at` integer,
	`withdrawn_at` integer,
	`invalidated_at` integer,
	`updated_at` integer,
	FOREIGN KEY (`pledge_id`) REFERENCES `pledges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signatures_pledge_email` ON `signatures` (`pledge_id`,`email_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `signatures_confirm_token` ON `signatures` (`confirm_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `signatures_withdraw_token` ON `signatures` (`withdraw_token_hash`);--> statement-breakpoint
CREATE INDEX `signatures_pledge_state` ON `signatures` (`pledge_id`,`state`,`confirmed_at`);--> statement-breakpoint
CREATE INDEX `signatures_ip_time` ON `signatures` (`ip_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `signatures_domain_time` ON `signatures` (`email_domain`,`created_at`);--> statement-breakpoint
CREATE TABLE `societies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_hans` text,
	`name_hant` text,
	`name_en` text,
	`website_host` text,
	`website` text,
	`category` text DEFAULT 'other' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `societies_name_hans` ON `societies` (`name_hans`);--> statement-breakpoint
CREATE UNIQUE INDEX `societies_name_hant` ON `societies` (`name_hant`);--> statement-breakpoint
CREATE INDEX `societies_name_en` ON `societies` (`name_en`);--> statement-breakpoint
CREATE INDEX `societies_website_host` ON `societies` (`website_host`);