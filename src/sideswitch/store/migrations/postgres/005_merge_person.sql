-- 005: merge_keys.person (PostgreSQL twin of ../005_merge_person.sql): 1 when the keyed report
-- names someone or tells of identifying gear, 0 when it does neither, NULL when keyed before.
ALTER TABLE merge_keys ADD COLUMN person INTEGER;
