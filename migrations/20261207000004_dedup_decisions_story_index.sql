-- no-transaction
-- Decisions by story, for pruning old clusters (`wirefeed prune`): one row
-- a sighting, otherwise scanned whole. Built as the previous one is.
CREATE INDEX CONCURRENTLY IF NOT EXISTS dedup_decisions_story_idx ON dedup_decisions (story_id);
