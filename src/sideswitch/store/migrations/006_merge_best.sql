-- 006: an undated background report keeps only its best link (resolve.merge.kept_links), and
-- the merge state's tables are stored in the order they are searched.
-- merge_best: each such report's best link so far (the other report and the score), so that a
-- new report it links to better takes that place without reading every report it may be.
CREATE TABLE merge_best (
    mention_id  TEXT NOT NULL PRIMARY KEY,
    best        TEXT NOT NULL,
    score       REAL NOT NULL
);
-- merge_keys is clustered by its blocking key (WITHOUT ROWID): a search reads the rows of its
-- buckets from adjacent pages instead of one table page per row (the store grows denser in
-- time, so a bucket holds more rows); day_lo/day_hi, the act window's first and last day
-- (ordinals; NULL undated), filter a bucket's rows to the windows within the date slack. merge_levels: the levels of the interval index in use
-- per stage, so a search asks only those (a few) instead of all 19. The stored links were made
-- under the old rule: keys and links are dropped, and the next run keys and links every stored
-- mention again (the merge_state flag, as for a store from before 004).
DROP TABLE merge_keys;
CREATE TABLE merge_keys (
    mention_id    TEXT NOT NULL,
    stage         TEXT NOT NULL,
    country       TEXT NOT NULL,
    level         INTEGER NOT NULL,
    bucket        INTEGER NOT NULL,
    left_root     TEXT,
    left_state    TEXT,
    joined_root   TEXT,
    joined_state  TEXT,
    joined_any    INTEGER NOT NULL DEFAULT 0,
    loc_country   TEXT,
    admin1        TEXT,
    people_min    INTEGER,
    people_max    INTEGER,
    person        INTEGER,
    day_lo        INTEGER,
    day_hi        INTEGER,
    PRIMARY KEY (stage, country, level, bucket, mention_id)
) WITHOUT ROWID;
CREATE INDEX merge_keys_time ON merge_keys(stage, level, bucket);
CREATE INDEX merge_keys_mention ON merge_keys(mention_id);
CREATE TABLE merge_levels (
    stage  TEXT NOT NULL,
    level  INTEGER NOT NULL,
    PRIMARY KEY (stage, level)
) WITHOUT ROWID;
DROP TABLE merge_links;
CREATE TABLE merge_links (
    a      TEXT NOT NULL,
    b      TEXT NOT NULL,
    score  REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
DELETE FROM meta WHERE key = 'merge_state';
-- Tables that are only a key (a band and a document, a name key and an event, two events) kept
-- as one B-tree each instead of a table and its primary key's index: half the pages written.
CREATE TABLE minhash_bands_006 (
    band    INTEGER NOT NULL,
    doc_id  TEXT NOT NULL,
    PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;
INSERT INTO minhash_bands_006(band, doc_id) SELECT band, doc_id FROM minhash_bands;
DROP TABLE minhash_bands;
ALTER TABLE minhash_bands_006 RENAME TO minhash_bands;
CREATE TABLE actor_keys_006 (
    key       TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    PRIMARY KEY (key, event_id)
) WITHOUT ROWID;
INSERT INTO actor_keys_006(key, event_id) SELECT key, event_id FROM actor_keys;
DROP TABLE actor_keys;
ALTER TABLE actor_keys_006 RENAME TO actor_keys;
CREATE INDEX actor_keys_event ON actor_keys(event_id);
CREATE TABLE actor_links_006 (
    a  TEXT NOT NULL,
    b  TEXT NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
INSERT INTO actor_links_006(a, b) SELECT a, b FROM actor_links;
DROP TABLE actor_links;
ALTER TABLE actor_links_006 RENAME TO actor_links;
-- minhash_recent: the LSH bands of the documents hashed last, moved to minhash_bands in key order
-- once it holds a few tens of thousands of rows (store.mergestate.RECENT_BANDS).
CREATE TABLE minhash_recent (
    band    INTEGER NOT NULL,
    doc_id  TEXT NOT NULL,
    PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;
-- The overview's headline (people totals per stage, contested and inferred; the date span) read
-- from an index instead of every event's row with its JSON (0.97 -> 0.85-0.93 CPU-s for the
-- overview of 100,000 events, benchmarks/analysis.py): the kind/stage index, which counting by
-- kind already used, carries those columns too.
DROP INDEX events_kind_stage;
CREATE INDEX events_kind_stage ON events(kind, stage, contested, inferred, people_low, people_best, people_high, date_earliest, date_latest);
