-- 003: people as low/best/high (UCDP style) and the columns analysis filters and groups on.
-- people_min/people_max keep their meaning (the range); people_low/people_high are the same
-- bounds and people_best the best estimate that every aggregate sums. The *_key columns hold
-- the filter values normalised once (ASCII lower case, as lower() and the query arguments are),
-- so filters use an index instead of scanning lower(column). inferred: a side was inferred
-- from conflict knowledge, not stated (aggregates show such events apart).
ALTER TABLE events ADD COLUMN people_low INTEGER;
ALTER TABLE events ADD COLUMN people_best INTEGER;
ALTER TABLE events ADD COLUMN people_high INTEGER;
ALTER TABLE events ADD COLUMN inferred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN country_key TEXT;
ALTER TABLE events ADD COLUMN admin1_key TEXT;
ALTER TABLE events ADD COLUMN from_party_key TEXT;
ALTER TABLE events ADD COLUMN from_name_key TEXT;
ALTER TABLE events ADD COLUMN to_party_key TEXT;
ALTER TABLE events ADD COLUMN to_name_key TEXT;
-- Where trends place an event: the midpoint of its date window and the window's length in days.
ALTER TABLE events ADD COLUMN date_mid TEXT;
ALTER TABLE events ADD COLUMN date_days INTEGER;
UPDATE events SET
    people_low = people_min,
    people_high = people_max,
    people_best = CASE
        WHEN people_min IS NULL THEN NULL
        WHEN json_extract(data, '$.people.best') IS NOT NULL THEN json_extract(data, '$.people.best')
        ELSE (people_min + people_max) / 2 END,
    inferred = CASE WHEN json_extract(data, '$.from_side.inferred') = 1
                      OR json_extract(data, '$.to_side.inferred') = 1 THEN 1 ELSE 0 END,
    country_key = lower(country),
    admin1_key = lower(admin1),
    from_party_key = lower(from_party),
    from_name_key = lower(from_name),
    to_party_key = lower(to_party),
    to_name_key = lower(to_name),
    date_days = CAST(abs(julianday(substr(coalesce(date_latest, date_earliest), 1, 10))
                         - julianday(substr(date_earliest, 1, 10))) AS INTEGER) + 1,
    date_mid = date(min(julianday(substr(coalesce(date_latest, date_earliest), 1, 10)),
                        julianday(substr(date_earliest, 1, 10)))
                    + CAST(abs(julianday(substr(coalesce(date_latest, date_earliest), 1, 10))
                               - julianday(substr(date_earliest, 1, 10))) / 2 AS INTEGER));
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
