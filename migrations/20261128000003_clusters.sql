-- Clusters that do not depend on arrival order.
--
-- Every outlet's copy of a story is now a story of its own (its own row,
-- versions and sightings). Copies share a cluster; the cluster's id is the
-- story_id of its canonical story, the earliest-published copy. A copy that
-- arrives late but was published first becomes the canonical story, and a
-- copy matching two clusters merges them: the deduplicator moves the stories
-- concerned to the new id and flags the decision, and the persister then
-- brings stories and sightings up to date.

CREATE INDEX dedup_stories_cluster_idx ON dedup_stories (cluster_id);

ALTER TABLE dedup_decisions
    ADD COLUMN duplicate_of uuid,
    ADD COLUMN cluster_changed boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN dedup_decisions.duplicate_of IS 'For duplicates: the story whose text it matched.';
COMMENT ON COLUMN dedup_decisions.cluster_changed IS 'Whether the decision moved earlier stories to another cluster.';
COMMENT ON COLUMN dedup_decisions.story_id IS 'The story of the message''s identity.';
COMMENT ON COLUMN dedup_decisions.cluster_id IS 'The cluster the story was in right after the decision.';
COMMENT ON COLUMN dedup_stories.cluster_id IS 'Cluster of copies the story belongs to: the story_id of the cluster''s earliest-published story. Always current.';

ALTER TABLE sightings ADD COLUMN duplicate_of uuid;
COMMENT ON COLUMN sightings.duplicate_of IS 'For exact and near duplicates: the story (another outlet''s copy) whose text this page matched.';
COMMENT ON COLUMN sightings.story_id IS 'The story of this page''s identity (each outlet''s copy is a story of its own).';
COMMENT ON COLUMN sightings.cluster_id IS 'The cluster of copies this page belongs to: the story_id of the cluster''s canonical (earliest-published) story.';

ALTER TABLE stories ADD COLUMN is_canonical boolean GENERATED ALWAYS AS (story_id = cluster_id) STORED;
CREATE INDEX stories_canonical_idx ON stories (cluster_id) WHERE story_id = cluster_id;

COMMENT ON TABLE stories IS 'One row per story identity (an outlet''s page or a wire item): its current version. Copies of one story, from any outlet, share cluster_id; the canonical copy (is_canonical) is the earliest published. latest_stories shows one row per cluster.';
COMMENT ON COLUMN stories.cluster_id IS 'Shared by every copy (exact or near duplicate) of the same story: the story_id of the earliest-published copy.';
COMMENT ON COLUMN stories.is_canonical IS 'True for the cluster''s canonical story, its earliest-published copy (ties: the smaller story_id).';

CREATE OR REPLACE VIEW latest_stories AS
SELECT story_id, cluster_id, title, section, author_names, dateline, language,
       published_at, updated_at, word_count, canonical_url, source, version,
       first_seen_at, last_seen_at
FROM stories
WHERE status = 'active' AND story_id = cluster_id
ORDER BY coalesce(updated_at, published_at, first_seen_at) DESC;

COMMENT ON VIEW latest_stories IS 'Active stories, one row per cluster of copies (its canonical, earliest-published copy), most recently published or updated first.';

CREATE OR REPLACE VIEW story_outlets AS
SELECT s.story_id, s.title,
       array_agg(DISTINCT coalesce(g.outlet, '(unknown)') ORDER BY coalesce(g.outlet, '(unknown)')) AS outlets,
       count(*) AS sightings,
       min(g.fetched_at) AS first_fetched_at,
       max(g.fetched_at) AS last_fetched_at
FROM stories s
JOIN sightings g ON g.cluster_id = s.cluster_id
WHERE s.story_id = s.cluster_id
GROUP BY s.story_id, s.title;

COMMENT ON VIEW story_outlets IS 'For each cluster''s canonical story: every outlet that ran it or a copy of it, and how often it was seen.';

-- The deduplicator replaces a story's band index when its text changes.
GRANT DELETE ON dedup_bands TO wirefeed_writer;
