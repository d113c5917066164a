-- Published statistics come from a snapshot taken at most once an hour (src/stats/),
-- so two answers a few seconds apart cannot be differenced down to one signer.
-- body: the counter values the breakdowns are computed from (JSON), not labels.
CREATE TABLE `stats_snapshots` (
	`pledge_id` integer PRIMARY KEY NOT NULL,
	`period` text NOT NULL,
	`taken_at` integer NOT NULL,
	`body` text NOT NULL
);
