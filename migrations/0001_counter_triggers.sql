-- Counters follow row states inside the same statement transaction, so no code path
-- (confirm, withdraw, invalidate, release, verify) can change a state without its count.
-- A signature counts while state = confirmed; an endorsement while state = verified.
-- Breakdown buckets: field, region, society (membership), hour and day of confirmation.
--> statement-breakpoint
CREATE TRIGGER signatures_count_up_on_update AFTER UPDATE OF state ON signatures WHEN old.state != 'confirmed' AND new.state = 'confirmed'
BEGIN
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'individuals', '', 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'field', new.field, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'region', new.region, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'society', CAST(new.society_id AS TEXT), 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE new.society_id IS NOT NULL
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'hour', strftime('%Y-%m-%dT%H', new.confirmed_at / 1000, 'unixepoch'), 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'day', strftime('%Y-%m-%d', new.confirmed_at / 1000, 'unixepoch'), 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER signatures_count_down_on_update AFTER UPDATE OF state ON signatures WHEN old.state = 'confirmed' AND new.state != 'confirmed'
BEGIN
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'individuals', '', -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'field', old.field, -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'region', old.region, -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'society', CAST(old.society_id AS TEXT), -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE old.society_id IS NOT NULL
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'hour', strftime('%Y-%m-%dT%H', old.confirmed_at / 1000, 'unixepoch'), -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'day', strftime('%Y-%m-%d', old.confirmed_at / 1000, 'unixepoch'), -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER signatures_count_up_on_insert AFTER INSERT ON signatures WHEN new.state = 'confirmed'
BEGIN
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'individuals', '', 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'field', new.field, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'region', new.region, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'society', CAST(new.society_id AS TEXT), 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE new.society_id IS NOT NULL
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'hour', strftime('%Y-%m-%dT%H', new.confirmed_at / 1000, 'unixepoch'), 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'day', strftime('%Y-%m-%d', new.confirmed_at / 1000, 'unixepoch'), 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER signatures_count_down_on_delete AFTER DELETE ON signatures WHEN old.state = 'confirmed'
BEGIN
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'individuals', '', -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'field', old.field, -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'region', old.region, -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'society', CAST(old.society_id AS TEXT), -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE old.society_id IS NOT NULL
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'hour', strftime('%Y-%m-%dT%H', old.confirmed_at / 1000, 'unixepoch'), -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'day', strftime('%Y-%m-%d', old.confirmed_at / 1000, 'unixepoch'), -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER endorsements_count_up_on_update AFTER UPDATE OF state ON endorsements WHEN old.state != 'verified' AND new.state = 'verified'
BEGIN
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'societies', '', 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER endorsements_count_down_on_update AFTER UPDATE OF state ON endorsements WHEN old.state = 'verified' AND new.state != 'verified'
BEGIN
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'societies', '', -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER endorsements_count_up_on_insert AFTER INSERT ON endorsements WHEN new.state = 'verified'
BEGIN
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT new.pledge_id, 'societies', '', 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER endorsements_count_down_on_delete AFTER DELETE ON endorsements WHEN old.state = 'verified'
BEGIN
  INSERT INTO counters (pledge_id, metric, bucket, value, updated_at) SELECT old.pledge_id, 'societies', '', -1, CAST(unixepoch('subsec') * 1000 AS INTEGER) WHERE true
    ON CONFLICT (pledge_id, metric, bucket) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at;
END;
