-- 002: the analyst's workbench and the monitor (issue 16).
-- Plain SQL that also runs on PostgreSQL, except the two SQLite triggers at the end
-- (PostgreSQL: a BEFORE UPDATE OR DELETE trigger function raising an exception) and
-- INTEGER PRIMARY KEY (PostgreSQL: GENERATED ALWAYS AS IDENTITY).

-- Corrections: an append-only log. The record shown = extraction + this log replayed.
CREATE TABLE corrections (
    id      INTEGER PRIMARY KEY,
    uid     TEXT NOT NULL UNIQUE,            -- global id: the same correction in two stores
    at      TEXT NOT NULL,                   -- ISO time, UTC
    by      TEXT NOT NULL,                   -- who
    target  TEXT NOT NULL,                   -- event id (or party name for 'alias')
    op      TEXT NOT NULL,                   -- accept reject set merge split link unlink alias
    field   TEXT,                            -- 'people.best', merge: other event, split: document id
    before  TEXT,                            -- JSON value before
    after   TEXT,                            -- JSON value after
    why     TEXT NOT NULL DEFAULT '',
    anchor  TEXT NOT NULL DEFAULT '{}'       -- JSON {event id: [source document ids]} to find the target again
);
CREATE INDEX corrections_target ON corrections(target);

-- The extracted (uncorrected) version of every event a correction touched.
CREATE TABLE correction_base (
    event_id  TEXT PRIMARY KEY,
    data      TEXT NOT NULL,
    origin    TEXT NOT NULL
);

-- What the last replay did with each correction: applied, orphaned (target not found) or noop.
CREATE TABLE correction_state (
    correction_id  INTEGER PRIMARY KEY,
    status         TEXT NOT NULL,
    event_id       TEXT,
    note           TEXT
);

CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections
BEGIN SELECT RAISE(ABORT, 'the corrections log is append-only'); END;
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections
BEGIN SELECT RAISE(ABORT, 'the corrections log is append-only'); END;

-- Watching feeds: conditional-request state per feed, and every item already fetched.
CREATE TABLE feeds (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    polled_at      TEXT,
    status         TEXT,                     -- ok, not-modified, error
    error          TEXT
);
CREATE TABLE feed_items (
    feed_url    TEXT NOT NULL,
    item_key    TEXT NOT NULL,               -- the item's link or id
    fetched_at  TEXT NOT NULL,
    doc_id      TEXT,
    PRIMARY KEY (feed_url, item_key)
);

-- Alerts: a watch list and the alerts the rules raised.
CREATE TABLE watchlist (
    kind   TEXT NOT NULL,                    -- party, country, person
    value  TEXT NOT NULL,
    PRIMARY KEY (kind, value)
);
CREATE TABLE alerts (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,          -- one alert per rule and cause
    at        TEXT NOT NULL,
    rule      TEXT NOT NULL,
    title     TEXT NOT NULL,
    body      TEXT NOT NULL DEFAULT '',
    event_id  TEXT,
    data      TEXT NOT NULL DEFAULT '{}',
    sent_at   TEXT
);
