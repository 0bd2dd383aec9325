-- 001: documents, per-document mentions, merged events, sources, claims, actors (PostgreSQL).
-- The same tables and columns as ../001_initial.sql. Text sorts by code point (COLLATE "C"), as in
-- SQLite, so both stores list and export in the same order; JSON stays TEXT so it reads back byte
-- for byte; search_tsv is the full-text index over search_text.
CREATE TABLE documents (
    id           TEXT COLLATE "C" PRIMARY KEY,
    hash         TEXT NOT NULL,
    url          TEXT,
    outlet       TEXT COLLATE "C",
    title        TEXT COLLATE "C",
    published    TEXT COLLATE "C",
    author       TEXT,
    lang         TEXT,
    format       TEXT,
    source_path  TEXT,
    text         TEXT NOT NULL,
    metadata     TEXT NOT NULL DEFAULT '{}',
    ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(hash);
CREATE INDEX documents_published ON documents(published);

-- One extracted event per act per document (contract shape, one source).
CREATE TABLE mentions (
    id        TEXT COLLATE "C" PRIMARY KEY,
    doc_id    TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id  TEXT COLLATE "C",
    seq       INTEGER NOT NULL,
    data      TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_event ON mentions(event_id);

-- Merged events, exactly as exported (data), with indexed columns for queries.
CREATE TABLE events (
    id             TEXT COLLATE "C" PRIMARY KEY,
    data           TEXT NOT NULL,
    origin         TEXT NOT NULL DEFAULT 'extracted',
    kind           TEXT COLLATE "C",
    stage          TEXT COLLATE "C",
    defector_name  TEXT COLLATE "C",
    actor_id       TEXT COLLATE "C",
    from_name      TEXT COLLATE "C",
    from_party     TEXT COLLATE "C",
    to_name        TEXT COLLATE "C",
    to_party       TEXT COLLATE "C",
    country        TEXT COLLATE "C",
    admin1         TEXT COLLATE "C",
    admin2         TEXT COLLATE "C",
    place          TEXT COLLATE "C",
    lat            DOUBLE PRECISION,
    lon            DOUBLE PRECISION,
    date_earliest  TEXT COLLATE "C",
    date_latest    TEXT COLLATE "C",
    people_min     INTEGER,
    people_max     INTEGER,
    contested      INTEGER NOT NULL DEFAULT 0,
    historical     INTEGER NOT NULL DEFAULT 0,
    confidence     DOUBLE PRECISION,
    n_sources      INTEGER NOT NULL DEFAULT 1,
    search_text    TEXT NOT NULL DEFAULT '',
    search_tsv     tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED
);
CREATE INDEX events_date ON events(date_earliest);
CREATE INDEX events_country ON events(country);
CREATE INDEX events_from_party ON events(from_party);
CREATE INDEX events_to_party ON events(to_party);
CREATE INDEX events_actor ON events(actor_id);
CREATE INDEX events_search ON events USING GIN (search_tsv);

CREATE TABLE sources (
    event_id    TEXT COLLATE "C" NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id      TEXT COLLATE "C" NOT NULL,
    evidence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    PRIMARY KEY (event_id, doc_id, span_start)
);
CREATE INDEX sources_doc ON sources(doc_id);

CREATE TABLE claims (
    event_id  TEXT COLLATE "C" NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id    TEXT NOT NULL,
    "by"      TEXT NOT NULL,
    stance    TEXT NOT NULL,
    quote     TEXT
);
CREATE INDEX claims_event ON claims(event_id);

CREATE TABLE actors (
    id    TEXT COLLATE "C" PRIMARY KEY,
    name  TEXT COLLATE "C" NOT NULL,
    data  TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT
);
