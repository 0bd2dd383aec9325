-- 005: merge_keys.person: 1 when the keyed report names someone or tells of identifying gear
-- (resolve.merge: only then may it be "the same person" as another report, which lifts the
-- province and headcount rules of a clash), 0 when it does neither. A report naming someone is
-- then compared only with the reports of its province and headcount among those naming nobody,
-- instead of with every report of its country. NULL (rows keyed before this migration): unknown,
-- never filtered out.
ALTER TABLE merge_keys ADD COLUMN person INTEGER;
