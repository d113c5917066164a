-- Issue 14: a confirmation is one statement (src/signatures/signatures.queries.ts,
-- confirmByToken). What the second statement of its batch did is now a trigger: once a
-- signature's mailbox is confirmed, its confirm links keep answering "already confirmed"
-- without holding anyone's details.
CREATE TRIGGER signature_confirm_links_forget AFTER UPDATE OF confirmed_at ON signatures
WHEN old.confirmed_at IS NULL AND new.confirmed_at IS NOT NULL
BEGIN
  UPDATE signature_tokens SET details = NULL WHERE signature_id = new.id AND kind = 'confirm' AND details IS NOT NULL;
END;
