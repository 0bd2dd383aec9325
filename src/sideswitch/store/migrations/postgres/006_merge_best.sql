-- 006 (PostgreSQL twin of ../006_merge_best.sql): an undated background report keeps only its
-- best link (resolve.merge.kept_links); merge_best holds each one's best so far. merge_levels:
-- the levels of the interval index in use per stage (a search asks only those); merge_keys.day_lo
-- and day_hi, the act window's first and last day, filter a bucket's rows. The stored links
-- were made under the old rule: keys and links are dropped, and the next run keys and links
-- every stored mention again. (SQLite also clusters its key tables; PostgreSQL's heap keeps them.)
CREATE TABLE merge_best (
    mention_id  TEXT NOT NULL PRIMARY KEY,
    best        TEXT NOT NULL,
    score       DOUBLE PRECISION NOT NULL
);
CREATE TABLE merge_levels (
    stage  TEXT NOT NULL,
    level  INTEGER NOT NULL,
    PRIMARY KEY (stage, level)
);
DELETE FROM merge_keys;
ALTER TABLE merge_keys ADD COLUMN day_lo INTEGER;
ALTER TABLE merge_keys ADD COLUMN day_hi INTEGER;
DELETE FROM merge_links;
DELETE FROM meta WHERE key = 'merge_state';
-- minhash_recent: the LSH bands of the documents hashed last, moved to minhash_bands in key order
-- once it holds a few tens of thousands of rows (store.mergestate.RECENT_BANDS).
CREATE TABLE minhash_recent (
    band    BIGINT NOT NULL,
    doc_id  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (band, doc_id)
);
-- The overview's headline (people totals per stage, contested and inferred; the date span) read
-- from an index instead of every event's row with its JSON (0.97 -> 0.85-0.93 CPU-s for the
-- overview of 100,000 events, benchmarks/analysis.py): the kind/stage index, which counting by
-- kind already used, carries those columns too.
DROP INDEX events_kind_stage;
CREATE INDEX events_kind_stage ON events(kind, stage, contested, inferred, people_low, people_best, people_high, date_earliest, date_latest);
