-- 003: people as low/best/high and normalised filter columns (PostgreSQL twin of ../003_people_bands.sql).
-- The key columns are COLLATE "C", where lower() changes ASCII letters only, as in SQLite.
ALTER TABLE events ADD COLUMN people_low INTEGER;
ALTER TABLE events ADD COLUMN people_best INTEGER;
ALTER TABLE events ADD COLUMN people_high INTEGER;
ALTER TABLE events ADD COLUMN inferred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN country_key TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN admin1_key TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN from_party_key TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN from_name_key TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN to_party_key TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN to_name_key TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN date_mid TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN date_days INTEGER;
UPDATE events SET
    people_low = people_min,
    people_high = people_max,
    people_best = CASE
        WHEN people_min IS NULL THEN NULL
        WHEN (data::jsonb -> 'people' ->> 'best') IS NOT NULL THEN (data::jsonb -> 'people' ->> 'best')::integer
        ELSE (people_min + people_max) / 2 END,
    inferred = CASE WHEN (data::jsonb -> 'from_side' ->> 'inferred') = 'true'
                      OR (data::jsonb -> 'to_side' ->> 'inferred') = 'true' THEN 1 ELSE 0 END,
    country_key = lower(country COLLATE "C"),
    admin1_key = lower(admin1 COLLATE "C"),
    from_party_key = lower(from_party COLLATE "C"),
    from_name_key = lower(from_name COLLATE "C"),
    to_party_key = lower(to_party COLLATE "C"),
    to_name_key = lower(to_name COLLATE "C");
UPDATE events SET
    date_days = abs(substr(coalesce(date_latest, date_earliest), 1, 10)::date - substr(date_earliest, 1, 10)::date) + 1,
    date_mid = (least(substr(coalesce(date_latest, date_earliest), 1, 10)::date, substr(date_earliest, 1, 10)::date)
                + abs(substr(coalesce(date_latest, date_earliest), 1, 10)::date - substr(date_earliest, 1, 10)::date) / 2)::text
WHERE date_earliest ~ '^\d{4}-\d{2}-\d{2}' AND coalesce(date_latest, date_earliest) ~ '^\d{4}-\d{2}-\d{2}';
CREATE INDEX events_date_mid ON events(date_mid);
CREATE INDEX events_country_key ON events(country_key);
CREATE INDEX events_admin1_key ON events(admin1_key);
CREATE INDEX events_from_party_key ON events(from_party_key);
CREATE INDEX events_from_name_key ON events(from_name_key);
CREATE INDEX events_to_party_key ON events(to_party_key);
CREATE INDEX events_to_name_key ON events(to_name_key);
CREATE INDEX events_kind_stage ON events(kind, stage);
-- Covering indexes for the aggregates that trends, flows and the overview compute in SQL: a
-- GROUP BY reads these narrow entries instead of the wide event rows.
CREATE INDEX events_trend_cover ON events(date_mid, date_days, stage, contested, inferred, to_party_key, to_name_key,
    from_party_key, from_name_key, people_min, people_best, people_max, id);
CREATE INDEX events_flow_cover ON events(kind, stage, contested, inferred, from_party, from_name, to_party, to_name,
    people_min, people_best, people_max, id);
