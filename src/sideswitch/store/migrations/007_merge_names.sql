-- 007: the names a report gives its defector (merge.Report.names, a JSON list) kept with its
-- blocking keys, so that a search drops the stored reports naming a different person
-- (merge.clash "different persons") without reading and decoding them: in a dense record most
-- candidates of a named report are other named reports of its country, month and sides.
-- NULL: it names nobody, or it was keyed before 007 (then it is read and compared as before;
-- nothing needs keying again).
ALTER TABLE merge_keys ADD COLUMN names TEXT;
