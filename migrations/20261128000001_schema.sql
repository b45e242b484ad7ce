-- wirefeed's schema. Tables for people who query stories (stories,
-- story_versions, sightings, views) and the deduplicator's own state
-- (dedup_*). Text columns hold plain text, never markup.

------------------------------------------------------------------------
-- Stories, as downstream users query them
------------------------------------------------------------------------

CREATE TABLE stories (
    story_id      uuid PRIMARY KEY,
    cluster_id    uuid NOT NULL,
    identity      text NOT NULL,
    version       integer NOT NULL CHECK (version >= 1),
    status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'killed')),
    title         text NOT NULL,
    standfirst    text,
    section       text,
    section_path  text[] NOT NULL DEFAULT '{}',
    authors       jsonb NOT NULL DEFAULT '[]',
    author_names  text[] NOT NULL DEFAULT '{}',
    dateline      text,
    language      text,
    published_at  timestamptz,
    updated_at    timestamptz,
    body          text NOT NULL,
    paragraphs    jsonb NOT NULL DEFAULT '[]',
    captions      jsonb NOT NULL DEFAULT '[]',
    images        jsonb NOT NULL DEFAULT '[]',
    keywords      text[] NOT NULL DEFAULT '{}',
    word_count    integer NOT NULL,
    body_hash     text NOT NULL,
    canonical_url text NOT NULL,
    source        text,
    site_name     text,
    format        text NOT NULL,
    confidence    real,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    search        tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(standfirst, '')), 'B')
        -- tsvector holds at most 1 MB; the first 200k characters index any article.
        || setweight(to_tsvector('simple', left(body, 200000)), 'C')
    ) STORED
);

CREATE INDEX stories_search_idx ON stories USING gin (search);
CREATE INDEX stories_published_idx ON stories (published_at DESC NULLS LAST);
CREATE INDEX stories_cluster_idx ON stories (cluster_id);
CREATE INDEX stories_canonical_url_idx ON stories (canonical_url);
CREATE INDEX stories_author_names_idx ON stories USING gin (author_names);

COMMENT ON TABLE stories IS 'One row per story: its current (latest) version. Copies syndicated by other outlets share its cluster_id; see sightings for every outlet that ran it.';
COMMENT ON COLUMN stories.story_id IS 'Stable id of the story, derived from its identity.';
COMMENT ON COLUMN stories.cluster_id IS 'Shared by every copy (exact or near duplicate) of the same story.';
COMMENT ON COLUMN stories.identity IS 'What makes two pages the same story: the wire provider''s uri/guid, else the canonical URL.';
COMMENT ON COLUMN stories.version IS 'Version number of the current text, 1 for the first; see story_versions.';
COMMENT ON COLUMN stories.status IS 'active, or killed when the provider withdrew the story (it must no longer be used).';
COMMENT ON COLUMN stories.title IS 'Headline, plain text.';
COMMENT ON COLUMN stories.standfirst IS 'Subtitle or standfirst, when the page has one.';
COMMENT ON COLUMN stories.section IS 'Section path as breadcrumb text, e.g. ''National > Diplomacy''.';
COMMENT ON COLUMN stories.section_path IS 'Section path as an array, outermost first.';
COMMENT ON COLUMN stories.authors IS 'Authors in byline order: [{"name": ..., "email": ...}].';
COMMENT ON COLUMN stories.author_names IS 'Author names alone, for indexed look-ups (author_names @> ARRAY[''Esther Chung'']).';
COMMENT ON COLUMN stories.dateline IS 'Dateline as printed, e.g. ''SEOUL (Yonhap) —''.';
COMMENT ON COLUMN stories.language IS 'ISO 639-1 code detected from the text.';
COMMENT ON COLUMN stories.published_at IS 'When the story was first published, as the page or wire says.';
COMMENT ON COLUMN stories.updated_at IS 'When the current version was last modified, as the page or wire says; NULL when never updated.';
COMMENT ON COLUMN stories.body IS 'Body text, paragraphs separated by blank lines, page chrome and captions removed.';
COMMENT ON COLUMN stories.paragraphs IS 'Body as ordered paragraphs: [{"text": ..., "subhead": true?}].';
COMMENT ON COLUMN stories.captions IS 'Photo captions, each once, credit apart: [{"text": ..., "credit": ...}].';
COMMENT ON COLUMN stories.images IS 'Images with URLs: [{"url": ..., "caption": ...}].';
COMMENT ON COLUMN stories.keywords IS 'Keywords and tags from the page or wire item.';
COMMENT ON COLUMN stories.word_count IS 'Words in body.';
COMMENT ON COLUMN stories.body_hash IS 'SHA-256 (hex) of the normalized body.';
COMMENT ON COLUMN stories.canonical_url IS 'Canonical URL of the page (tracking parameters, AMP and mobile variants removed).';
COMMENT ON COLUMN stories.source IS 'Outlet name given by the scraper.';
COMMENT ON COLUMN stories.site_name IS 'Site name from the page (og:site_name).';
COMMENT ON COLUMN stories.format IS 'Input kind the story was extracted from: html, text or ninjs.';
COMMENT ON COLUMN stories.confidence IS 'Extraction confidence, 0 to 1.';
COMMENT ON COLUMN stories.first_seen_at IS 'When wirefeed first recorded the story.';
COMMENT ON COLUMN stories.last_seen_at IS 'When wirefeed last recorded a version of the story.';
COMMENT ON COLUMN stories.search IS 'Full-text search vector (title A, standfirst B, body C; ''simple'' configuration, language-neutral).';

CREATE TABLE story_versions (
    story_id      uuid NOT NULL,
    version       integer NOT NULL CHECK (version >= 1),
    body_hash     text NOT NULL,
    title         text NOT NULL,
    body          text NOT NULL,
    authors       jsonb NOT NULL DEFAULT '[]',
    published_at  timestamptz,
    updated_at    timestamptz,
    wire_version  bigint,
    killed        boolean NOT NULL DEFAULT false,
    article       jsonb NOT NULL,
    sighting_key  text NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (story_id, version)
);

COMMENT ON TABLE story_versions IS 'Every version of every story, oldest first: the history behind stories.';
COMMENT ON COLUMN story_versions.story_id IS 'The story (stories.story_id).';
COMMENT ON COLUMN story_versions.version IS 'Version number, 1 for the first.';
COMMENT ON COLUMN story_versions.body_hash IS 'SHA-256 (hex) of this version''s normalized body.';
COMMENT ON COLUMN story_versions.title IS 'Headline of this version.';
COMMENT ON COLUMN story_versions.body IS 'Body text of this version.';
COMMENT ON COLUMN story_versions.authors IS 'Authors of this version: [{"name": ..., "email": ...}].';
COMMENT ON COLUMN story_versions.published_at IS 'Publication time as this version states it.';
COMMENT ON COLUMN story_versions.updated_at IS 'Modification time as this version states it.';
COMMENT ON COLUMN story_versions.wire_version IS 'The wire provider''s version number, when the input had one.';
COMMENT ON COLUMN story_versions.killed IS 'True once the provider killed the story.';
COMMENT ON COLUMN story_versions.article IS 'The whole normalized article of this version, as JSON.';
COMMENT ON COLUMN story_versions.sighting_key IS 'The raw message that brought this version (sightings.sighting_key).';
COMMENT ON COLUMN story_versions.recorded_at IS 'When wirefeed stored this version.';

CREATE TABLE sightings (
    sighting_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sighting_key  text NOT NULL UNIQUE,
    -- No foreign key to stories: a duplicate's sighting may be committed by
    -- one persister before another commits the story it duplicates.
    story_id      uuid NOT NULL,
    cluster_id    uuid NOT NULL,
    verdict       text NOT NULL CHECK (verdict IN ('new', 'rescrape', 'update', 'kill', 'exact_duplicate', 'near_duplicate')),
    version       integer NOT NULL,
    similarity    real,
    url           text NOT NULL,
    canonical_url text NOT NULL,
    outlet        text,
    title         text NOT NULL,
    scraper_id    text,
    fetched_at    timestamptz,
    raw_topic     text NOT NULL,
    raw_partition integer NOT NULL,
    raw_offset    bigint NOT NULL,
    extra         jsonb NOT NULL DEFAULT '{}',
    decided_at    timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sightings_story_idx ON sightings (story_id);
CREATE INDEX sightings_cluster_idx ON sightings (cluster_id);
CREATE INDEX sightings_outlet_idx ON sightings (outlet);

COMMENT ON TABLE sightings IS 'One row per raw message that became an article: where it was seen and what the deduplicator decided.';
COMMENT ON COLUMN sightings.sighting_id IS 'Surrogate key, in recording order.';
COMMENT ON COLUMN sightings.sighting_key IS 'topic/partition/offset of the raw message: replays of one message never add a second row.';
COMMENT ON COLUMN sightings.story_id IS 'The story this page is (for duplicates, the story it copies).';
COMMENT ON COLUMN sightings.cluster_id IS 'The cluster of copies this page belongs to.';
COMMENT ON COLUMN sightings.verdict IS 'new, rescrape, update, kill, exact_duplicate or near_duplicate.';
COMMENT ON COLUMN sightings.version IS 'The story''s version number after this sighting.';
COMMENT ON COLUMN sightings.similarity IS 'For duplicates: estimated Jaccard similarity of the bodies (1 for exact).';
COMMENT ON COLUMN sightings.url IS 'URL the scraper fetched.';
COMMENT ON COLUMN sightings.canonical_url IS 'Canonical URL of the page.';
COMMENT ON COLUMN sightings.outlet IS 'The outlet that ran the page: the scraper''s source, else the site name, else the host.';
COMMENT ON COLUMN sightings.title IS 'Headline as this page printed it.';
COMMENT ON COLUMN sightings.scraper_id IS 'The scraper''s own id for the message, passed through.';
COMMENT ON COLUMN sightings.fetched_at IS 'When the scraper fetched the page.';
COMMENT ON COLUMN sightings.raw_topic IS 'Kafka topic of the raw message.';
COMMENT ON COLUMN sightings.raw_partition IS 'Kafka partition of the raw message.';
COMMENT ON COLUMN sightings.raw_offset IS 'Kafka offset of the raw message.';
COMMENT ON COLUMN sightings.extra IS 'Fields of the raw message that the contract does not name, as sent.';
COMMENT ON COLUMN sightings.decided_at IS 'When the deduplicator decided.';
COMMENT ON COLUMN sightings.recorded_at IS 'When the persister stored the sighting.';

------------------------------------------------------------------------
-- Views for the usual questions
------------------------------------------------------------------------

CREATE VIEW latest_stories AS
SELECT story_id, cluster_id, title, section, author_names, dateline, language,
       published_at, updated_at, word_count, canonical_url, source, version,
       first_seen_at, last_seen_at
FROM stories
WHERE status = 'active'
ORDER BY coalesce(updated_at, published_at, first_seen_at) DESC;

COMMENT ON VIEW latest_stories IS 'Active stories, most recently published or updated first.';

CREATE VIEW story_outlets AS
SELECT s.story_id, s.title,
       array_agg(DISTINCT coalesce(g.outlet, '(unknown)') ORDER BY coalesce(g.outlet, '(unknown)')) AS outlets,
       count(*) AS sightings,
       min(g.fetched_at) AS first_fetched_at,
       max(g.fetched_at) AS last_fetched_at
FROM stories s
JOIN sightings g ON g.cluster_id = s.cluster_id
GROUP BY s.story_id, s.title;

COMMENT ON VIEW story_outlets IS 'For each story: every outlet that ran it or a copy of it, and how often it was seen.';

CREATE VIEW story_history AS
SELECT v.story_id, v.version, v.title, v.published_at, v.updated_at, v.wire_version,
       v.killed, v.body_hash, v.recorded_at
FROM story_versions v
ORDER BY v.story_id, v.version;

COMMENT ON VIEW story_history IS 'Every version of every story, in order.';

------------------------------------------------------------------------
-- Deduplicator state (written by the deduplicator only)
------------------------------------------------------------------------

CREATE TABLE dedup_stories (
    story_id      uuid PRIMARY KEY,
    identity      text NOT NULL UNIQUE,
    cluster_id    uuid NOT NULL,
    version       integer NOT NULL,
    body_hash     text NOT NULL,
    wire_version  bigint,
    version_time  timestamptz,
    published_at  timestamptz,
    killed        boolean NOT NULL DEFAULT false,
    signature     integer[] NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE dedup_stories IS 'Deduplicator state: one row per story identity with its latest version''s fingerprint.';
COMMENT ON COLUMN dedup_stories.story_id IS 'Stable id of the story, derived from identity.';
COMMENT ON COLUMN dedup_stories.identity IS 'Wire uri/guid or canonical URL.';
COMMENT ON COLUMN dedup_stories.cluster_id IS 'Cluster of copies the story belongs to.';
COMMENT ON COLUMN dedup_stories.version IS 'Latest version number.';
COMMENT ON COLUMN dedup_stories.body_hash IS 'Body hash of the latest version.';
COMMENT ON COLUMN dedup_stories.wire_version IS 'Wire version number of the latest version, when known.';
COMMENT ON COLUMN dedup_stories.version_time IS 'Time that orders versions (wire versionCreated, page updated or published time).';
COMMENT ON COLUMN dedup_stories.published_at IS 'Publication time of the story.';
COMMENT ON COLUMN dedup_stories.killed IS 'True once the story was killed.';
COMMENT ON COLUMN dedup_stories.signature IS 'MinHash signature of the latest body''s word shingles.';
COMMENT ON COLUMN dedup_stories.created_at IS 'When the deduplicator first saw the story.';

CREATE TABLE dedup_versions (
    story_id  uuid NOT NULL,
    body_hash text NOT NULL,
    version   integer NOT NULL,
    PRIMARY KEY (story_id, body_hash)
);
CREATE INDEX dedup_versions_body_hash_idx ON dedup_versions (body_hash);

COMMENT ON TABLE dedup_versions IS 'Deduplicator state: every body a story has had, for rescrape and exact-duplicate look-ups.';
COMMENT ON COLUMN dedup_versions.story_id IS 'The story.';
COMMENT ON COLUMN dedup_versions.body_hash IS 'SHA-256 (hex) of one of its bodies.';
COMMENT ON COLUMN dedup_versions.version IS 'The version number that body had.';

CREATE TABLE dedup_bands (
    band     bigint NOT NULL,
    story_id uuid NOT NULL,
    PRIMARY KEY (band, story_id)
);

COMMENT ON TABLE dedup_bands IS 'Deduplicator state: MinHash-LSH band hashes of each story, the candidate index for near duplicates.';
COMMENT ON COLUMN dedup_bands.band IS 'Hash of one band of the MinHash signature, with the band number mixed in.';
COMMENT ON COLUMN dedup_bands.story_id IS 'A story having that band.';

CREATE TABLE dedup_decisions (
    sighting_key text PRIMARY KEY,
    verdict      text NOT NULL,
    story_id     uuid NOT NULL,
    cluster_id   uuid NOT NULL,
    version      integer NOT NULL,
    current      boolean NOT NULL,
    similarity   real,
    decided_at   timestamptz NOT NULL
);

COMMENT ON TABLE dedup_decisions IS 'Deduplicator state: the verdict given to each raw message, so a replay gets the same verdict.';
COMMENT ON COLUMN dedup_decisions.sighting_key IS 'topic/partition/offset of the raw message.';
COMMENT ON COLUMN dedup_decisions.verdict IS 'The verdict given.';
COMMENT ON COLUMN dedup_decisions.story_id IS 'The story it was attached to.';
COMMENT ON COLUMN dedup_decisions.cluster_id IS 'The cluster it was attached to.';
COMMENT ON COLUMN dedup_decisions.version IS 'The story''s version number after it.';
COMMENT ON COLUMN dedup_decisions.current IS 'Whether the message''s text became the story''s current version.';
COMMENT ON COLUMN dedup_decisions.similarity IS 'Similarity to the matched story, for duplicates.';
COMMENT ON COLUMN dedup_decisions.decided_at IS 'When it was decided.';
