-- 004: merge state kept in the store, so a run never loads the whole record.
-- merge_keys: where a mention may find reports of the same act (blocking): its stage, each
-- country key (or '*' when it names no country), its act window as buckets of an interval index
-- (level L: buckets of 16 * 2^L days; level 99: undated), and its sides, country, province and
-- headcount, to filter clashes.
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
    people_max    INTEGER
);
CREATE INDEX merge_keys_block ON merge_keys(stage, country, level, bucket);
CREATE INDEX merge_keys_time ON merge_keys(stage, level, bucket);
CREATE INDEX merge_keys_mention ON merge_keys(mention_id);

-- Links between mentions (score at or above the merge threshold), both directions.
CREATE TABLE merge_links (
    a      TEXT NOT NULL,
    b      TEXT NOT NULL,
    score  REAL NOT NULL,
    PRIMARY KEY (a, b)
);

-- Near-duplicates: each document's MinHash signature and near-duplicate group, in the order
-- stored (seq), and the LSH band hashes that propose earlier copies.
CREATE TABLE doc_minhash (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id     TEXT NOT NULL UNIQUE,
    grp        TEXT NOT NULL,
    signature  BLOB
);
CREATE TABLE minhash_bands (
    band    INTEGER NOT NULL,
    doc_id  TEXT NOT NULL,
    PRIMARY KEY (band, doc_id)
);

-- Name keys (and move keys) of each named event's defector, and the events whose actors must
-- be resolved again (written with the document, cleared when actors are saved).
CREATE TABLE actor_keys (
    key       TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    PRIMARY KEY (key, event_id)
);
CREATE INDEX actor_keys_event ON actor_keys(event_id);
-- The defector of each named event, and the pairs of events that may be one person (a name
-- shared or scoring at least resolve.actors.SAME_PERSON), both directions.
CREATE TABLE actor_names (
    event_id  TEXT NOT NULL PRIMARY KEY,
    data      TEXT NOT NULL
);
CREATE TABLE actor_links (
    a  TEXT NOT NULL,
    b  TEXT NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE TABLE actor_pending (
    event_id  TEXT NOT NULL PRIMARY KEY,
    actor_id  TEXT
);

DELETE FROM meta WHERE key = 'near_duplicates';
