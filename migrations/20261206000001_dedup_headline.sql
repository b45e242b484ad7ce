-- Two pages of one outlet under different headlines are two stories, even
-- when their extracted bodies agree: an extraction that found only the
-- outlet's page chrome (a paywall notice, an author box) gives every page
-- of that outlet the same body. The deduplicator keeps a hash of each
-- story's headline to tell them apart.
ALTER TABLE dedup_stories ADD COLUMN headline_hash bigint;

COMMENT ON COLUMN dedup_stories.headline_hash IS 'Hash of the current version''s headline (lower-cased words), to tell apart pages of one outlet with the same body; NULL when the headline is empty or the story was stored before it was kept.';
COMMENT ON COLUMN dedup_stories.signature IS 'MinHash sketch of the current body''s story text: 128 minima, then the number of distinct shingles (sketches stored before the count was kept have the minima only).';
