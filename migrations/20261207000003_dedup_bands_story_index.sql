-- no-transaction
-- Look-ups of the deduplicator's band index by story: replacing a story's
-- bands when its text changes (an update, a new extraction) and pruning old
-- clusters (`wirefeed prune`). Without it each is a scan of a table that
-- holds 42 rows a story. CONCURRENTLY, so a deployment with millions of
-- rows keeps deciding while it is built; that needs a file of its own
-- outside a transaction (a file of several statements runs in one).
CREATE INDEX CONCURRENTLY IF NOT EXISTS dedup_bands_story_idx ON dedup_bands (story_id);
