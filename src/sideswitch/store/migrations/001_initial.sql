-- 001: documents, per-document mentions, merged events, sources, claims, actors.
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    hash         TEXT NOT NULL,
    url          TEXT,
    outlet       TEXT,
    title        TEXT,
    published    TEXT,
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
    id        TEXT PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id  TEXT,
    seq       INTEGER NOT NULL,
    data      TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_event ON mentions(event_id);

-- Merged events, exactly as exported (data), with indexed columns for queries.
CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    data           TEXT NOT NULL,
    origin         TEXT NOT NULL DEFAULT 'extracted',
    kind           TEXT,
    stage          TEXT,
    defector_name  TEXT,
    actor_id       TEXT,
    from_name      TEXT,
    from_party     TEXT,
    to_name        TEXT,
    to_party       TEXT,
    country        TEXT,
    admin1         TEXT,
    admin2         TEXT,
    place          TEXT,
    lat            REAL,
    lon            REAL,
    date_earliest  TEXT,
    date_latest    TEXT,
    people_min     INTEGER,
    people_max     INTEGER,
    contested      INTEGER NOT NULL DEFAULT 0,
    historical     INTEGER NOT NULL DEFAULT 0,
    confidence     REAL,
    n_sources      INTEGER NOT NULL DEFAULT 1,
    search_text    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_date ON events(date_earliest);
CREATE INDEX events_country ON events(country);
CREATE INDEX events_from_party ON events(from_party);
CREATE INDEX events_to_party ON events(to_party);
CREATE INDEX events_actor ON events(actor_id);

CREATE TABLE sources (
    event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id      TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    PRIMARY KEY (event_id, doc_id, span_start)
);
CREATE INDEX sources_doc ON sources(doc_id);

CREATE TABLE claims (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id    TEXT NOT NULL,
    by        TEXT NOT NULL,
    stance    TEXT NOT NULL,
    quote     TEXT
);
CREATE INDEX claims_event ON claims(event_id);

CREATE TABLE actors (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    data  TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT
);
