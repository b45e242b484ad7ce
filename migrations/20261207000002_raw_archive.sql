-- The raw page archive, so an improved extractor can reach stored stories
-- (`wirefeed reprocess`), and the verdict such a new extraction gets.

CREATE TABLE raw_pages (
    raw_key       text PRIMARY KEY,
    raw_topic     text NOT NULL,
    raw_partition integer NOT NULL,
    raw_offset    bigint NOT NULL,
    payload       bytea NOT NULL,
    archived_at   timestamptz NOT NULL DEFAULT now()
);

-- Retention (`wirefeed prune`) deletes the oldest pages first.
CREATE INDEX raw_pages_archived_idx ON raw_pages (archived_at);

COMMENT ON TABLE raw_pages IS 'Every raw message as the scrapers published it (the archiver''s copy of articles.raw), so pages can be extracted again; kept for retention.raw_pages_days.';
COMMENT ON COLUMN raw_pages.raw_key IS 'topic/partition/offset/digest of the raw message: the sighting_key of its first extraction.';
COMMENT ON COLUMN raw_pages.raw_topic IS 'Kafka topic the message was read from.';
COMMENT ON COLUMN raw_pages.raw_partition IS 'Kafka partition.';
COMMENT ON COLUMN raw_pages.raw_offset IS 'Kafka offset.';
COMMENT ON COLUMN raw_pages.payload IS 'The message''s bytes as published (compressed by PostgreSQL''s TOAST).';
COMMENT ON COLUMN raw_pages.archived_at IS 'When the archiver stored it.';

GRANT SELECT, INSERT ON raw_pages TO wirefeed_writer;

-- A new extraction of an archived page that differs from the stored one.
ALTER TABLE sightings DROP CONSTRAINT sightings_verdict_check;
ALTER TABLE sightings ADD CONSTRAINT sightings_verdict_check CHECK (verdict IN
    ('new', 'rescrape', 'update', 'kill', 'exact_duplicate', 'near_duplicate', 'reprocessed'));
COMMENT ON COLUMN sightings.verdict IS 'new, rescrape, update, kill, exact_duplicate, near_duplicate, or reprocessed (a new extraction of an archived page by wirefeed reprocess, not a new scrape; its sighting_key is the page''s with /reprocess/<digest> added).';

-- A new extraction is not another outlet running the story.
CREATE OR REPLACE VIEW story_outlets AS
SELECT s.story_id, s.title,
       array_agg(DISTINCT coalesce(g.outlet, '(unknown)') ORDER BY coalesce(g.outlet, '(unknown)')) AS outlets,
       count(*) AS sightings,
       min(g.fetched_at) AS first_fetched_at,
       max(g.fetched_at) AS last_fetched_at
FROM stories s
JOIN sightings g ON g.cluster_id = s.cluster_id
WHERE s.story_id = s.cluster_id AND g.verdict <> 'reprocessed'
GROUP BY s.story_id, s.title;
