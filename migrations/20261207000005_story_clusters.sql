-- The cluster contract between the deduplicator and the persister.
--
-- The deduplicator owns the dedup_* tables, its private state. The one part
-- of that state another service reads, which cluster each story is in, is
-- published here; the persister reads only this view (see
-- crates/plumbing/src/clusters.rs for the rules both sides follow).

CREATE VIEW story_clusters AS
    SELECT story_id, cluster_id FROM dedup_stories;

COMMENT ON VIEW story_clusters IS 'The cluster each story is in, as the deduplicator decides it now (it moves stories when clusters merge or an earlier copy becomes a cluster''s canonical story). Readers that write a story''s cluster lock its row FOR SHARE, so a move waits for their commit and then moves what they wrote.';
COMMENT ON COLUMN story_clusters.story_id IS 'The story (stories.story_id).';
COMMENT ON COLUMN story_clusters.cluster_id IS 'Its cluster now: the story_id of the cluster''s canonical story.';

-- Locking a view's rows (FOR SHARE) takes UPDATE on the view; the writer
-- has that on the table beneath already.
GRANT SELECT, UPDATE ON story_clusters TO wirefeed_writer;
