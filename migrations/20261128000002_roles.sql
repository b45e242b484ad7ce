-- Roles. They are cluster-wide, so creation tolerates existing roles (and a
-- concurrent creator). Both are NOLOGIN groups: grant them to login roles,
-- e.g. CREATE ROLE analyst LOGIN PASSWORD '…' IN ROLE wirefeed_reader;
DO $$
BEGIN
    CREATE ROLE wirefeed_reader NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
    CREATE ROLE wirefeed_writer NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- Downstream users: read stories, versions, sightings and views; nothing else.
GRANT USAGE ON SCHEMA public TO wirefeed_reader;
GRANT SELECT ON stories, story_versions, sightings, latest_stories, story_outlets, story_history TO wirefeed_reader;

-- The services: write their own tables, no DDL.
GRANT USAGE ON SCHEMA public TO wirefeed_writer;
GRANT SELECT, INSERT, UPDATE ON stories, story_versions, sightings,
    dedup_stories, dedup_versions, dedup_bands, dedup_decisions TO wirefeed_writer;
GRANT SELECT ON latest_stories, story_outlets, story_history TO wirefeed_writer;
