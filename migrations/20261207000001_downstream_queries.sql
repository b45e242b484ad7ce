-- Indexes for the queries downstream users run (README, "Querying"), a
-- change feed that never skips a row, and bounds on free-form columns.
-- tests/query_plans.rs checks on a seeded table that each query below uses
-- its index.

-- latest_stories: "the 20 most recent stories" reads 20 index entries
-- instead of sorting every active canonical story. The expression and the
-- predicate are the view's own ORDER BY and WHERE.
CREATE INDEX stories_latest_idx
    ON stories ((coalesce(updated_at, published_at, first_seen_at)) DESC)
    WHERE status = 'active' AND story_id = cluster_id;

-- An outlet's pages over time ("what did X run this week"): outlet first,
-- then fetch time, so a range of one outlet is one index range.
CREATE INDEX sightings_outlet_fetched_idx ON sightings (outlet, fetched_at DESC);
DROP INDEX sightings_outlet_idx;

-- Change feed: "stories written since my last poll". A sequence or a
-- timestamp would skip rows: numbers are handed out when a row is written,
-- but rows become visible when their transaction commits, so a poller can
-- see number 11 before number 10 commits, move past 10 and never read it.
-- Each row instead carries the id of the transaction that last wrote it,
-- and a poller reads only ids below the oldest transaction still running
-- (pg_snapshot_xmin(pg_current_snapshot())): every such transaction has
-- ended, so nothing can appear below that bound later. The README shows
-- the query; (change_xid, story_id) is its keyset cursor.
ALTER TABLE stories ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX stories_change_idx ON stories (change_xid, story_id);

CREATE FUNCTION stories_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END
$$;

CREATE TRIGGER stories_mark_change BEFORE UPDATE ON stories
    FOR EACH ROW EXECUTE FUNCTION stories_mark_change();

COMMENT ON COLUMN stories.change_xid IS 'Transaction that last wrote the row: the change feed''s cursor. Read rows with change_xid below pg_snapshot_xmin(pg_current_snapshot()) only (README, "Querying").';

-- Free-form columns get bounds the normalizer already keeps (field_caps),
-- so these checks never refuse a row the pipeline sends; they hold against
-- anything else that writes. NOT VALID: rows stored before are not
-- rescanned (that would lock a large table); new and updated rows are checked.
ALTER TABLE sightings
    ADD CONSTRAINT sightings_extra_size CHECK (octet_length(extra::text) <= 65536) NOT VALID,
    ADD CONSTRAINT sightings_scraper_id_size CHECK (octet_length(scraper_id) <= 2048) NOT VALID,
    ADD CONSTRAINT sightings_outlet_size CHECK (octet_length(outlet) <= 2048) NOT VALID;
ALTER TABLE stories
    ADD CONSTRAINT stories_title_size CHECK (char_length(title) <= 1000) NOT VALID,
    ADD CONSTRAINT stories_source_size CHECK (octet_length(source) <= 2048) NOT VALID;

COMMENT ON COLUMN sightings.extra IS 'Fields of the raw message that the contract does not name, as sent; at most 16 KiB (larger fields are left out, with a field_cut warning).';
