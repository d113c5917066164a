ALTER TABLE `endorsements` ADD `submitted_name` text;--> statement-breakpoint
ALTER TABLE `endorsements` ADD `submitted_website` text;