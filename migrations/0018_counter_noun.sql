-- Issue 18: the noun of a pledge's counter ("scientists and technology workers"), per
-- language, as a JSON object {"zh-Hans": "...", "en": "..."}. NULL (or a language left
-- out): the interface's default noun.
ALTER TABLE pledges ADD COLUMN counter_noun TEXT;
