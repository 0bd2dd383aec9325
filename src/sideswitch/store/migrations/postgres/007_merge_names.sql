-- 007 (PostgreSQL twin of ../007_merge_names.sql): the names a report gives its defector
-- (merge.Report.names, a JSON list) kept with its blocking keys, so that a search drops the
-- stored reports naming a different person without reading them. NULL: it names nobody, or it
-- was keyed before 007 (then it is read and compared as before).
ALTER TABLE merge_keys ADD COLUMN names TEXT;
