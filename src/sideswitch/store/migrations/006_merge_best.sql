-- 006: an undated background report keeps only its best link (resolve.merge.kept_links).
-- merge_best: each such report's best link so far (the other report and the score), so that a
-- new report it links to better takes that place without reading every report it may be.
-- The stored links were made under the old rule: they are dropped, and the next run keys and
-- links every stored mention again (the merge_state flag, as for a store from before 004).
CREATE TABLE merge_best (
    mention_id  TEXT NOT NULL PRIMARY KEY,
    best        TEXT NOT NULL,
    score       REAL NOT NULL
);
DELETE FROM merge_keys;
DELETE FROM merge_links;
DELETE FROM meta WHERE key = 'merge_state';
