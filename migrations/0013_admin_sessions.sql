-- Organiser sessions recorded on the server (src/admin/session.ts), so logout and a
-- change of ADMIN_TOKEN or SESSION_SECRET end them. Only a hash of the session id is
-- stored; the fingerprint is an HMAC of both secrets, never the secrets.
CREATE TABLE `admin_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`actor` text NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `admin_sessions_expires` ON `admin_sessions` (`expires_at`);
