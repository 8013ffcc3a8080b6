"""The store's schema, as forward migrations: (version, SQL), applied in order.

A later stage adds its tables by appending a migration; a store file records in
`PRAGMA user_version` how far it has come.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE outlets (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            domain TEXT,
            country TEXT,
            kind TEXT,
            name_rank INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            stage TEXT NOT NULL,
            stage_version TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            n_in INTEGER NOT NULL DEFAULT 0,
            n_out INTEGER NOT NULL DEFAULT 0,
            n_rejected INTEGER NOT NULL DEFAULT 0,
            n_skipped INTEGER NOT NULL DEFAULT 0,
            args TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            outlet_id TEXT NOT NULL REFERENCES outlets(id),
            url TEXT,
            title TEXT,
            text TEXT NOT NULL,
            published_at TEXT,
            published_utc TEXT,
            published_precision TEXT NOT NULL,
            published_source TEXT,
            dateline_place TEXT,
            dateline_agency TEXT,
            dateline_start INTEGER,
            dateline_end INTEGER,
            byline TEXT,
            language TEXT,
            raw_sha256 TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            source_format TEXT NOT NULL,
            summary_only INTEGER NOT NULL DEFAULT 0,
            input_ref TEXT NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}',
            revision_of TEXT REFERENCES articles(id),
            run_id TEXT REFERENCES runs(id),
            ingested_at TEXT NOT NULL,
            seq INTEGER NOT NULL
        );
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_outlet ON articles(outlet_id, published_utc);
        CREATE INDEX articles_published ON articles(published_utc);
        CREATE UNIQUE INDEX articles_seq ON articles(seq);
        CREATE TRIGGER articles_immutable BEFORE UPDATE ON articles
        BEGIN SELECT RAISE(ABORT, 'articles are immutable'); END;
        CREATE TRIGGER articles_undeletable BEFORE DELETE ON articles
        BEGIN SELECT RAISE(ABORT, 'articles are immutable'); END;
        CREATE TABLE rejections (
            id INTEGER PRIMARY KEY,
            run_id TEXT REFERENCES runs(id),
            stage TEXT NOT NULL,
            input_ref TEXT NOT NULL,
            reason TEXT NOT NULL,
            message TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (stage, input_ref, reason)
        );
        CREATE INDEX rejections_reason ON rejections(reason);
        """,
    ),
    (
        2,
        """
        CREATE TABLE processed (
            stage TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            run_id TEXT REFERENCES runs(id),
            PRIMARY KEY (stage, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE reuse_shingles (
            h INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (h, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE reuse_links (
            id TEXT PRIMARY KEY,
            source_article TEXT NOT NULL REFERENCES articles(id),
            source_start INTEGER NOT NULL,
            source_end INTEGER NOT NULL,
            target_article TEXT NOT NULL REFERENCES articles(id),
            target_start INTEGER NOT NULL,
            target_end INTEGER NOT NULL,
            similarity REAL NOT NULL,
            direction TEXT NOT NULL,
            direction_evidence TEXT NOT NULL,
            kind TEXT NOT NULL,
            credited INTEGER NOT NULL,
            run_id TEXT REFERENCES runs(id)
        );
        CREATE INDEX reuse_links_source ON reuse_links(source_article);
        CREATE INDEX reuse_links_target ON reuse_links(target_article);
        CREATE TABLE source_chains (
            id TEXT PRIMARY KEY,
            root_articles TEXT NOT NULL,
            members TEXT NOT NULL,
            edges TEXT NOT NULL,
            credited INTEGER NOT NULL,
            n_members INTEGER NOT NULL,
            run_id TEXT REFERENCES runs(id)
        );
        CREATE INDEX source_chains_size ON source_chains(n_members);
        CREATE TABLE chain_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            chain_id TEXT NOT NULL REFERENCES source_chains(id)
        );
        CREATE INDEX chain_members_chain ON chain_members(chain_id);
        """,
    ),
    (
        3,
        """
        CREATE TABLE places (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            feature TEXT NOT NULL,
            country TEXT,
            country_name TEXT,
            admin1 TEXT,
            admin2 TEXT,
            lat REAL,
            lon REAL,
            population INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE article_language (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            countries TEXT NOT NULL,
            model TEXT NOT NULL,
            run_id TEXT REFERENCES runs(id)
        );
        CREATE TABLE mentions (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            kind TEXT NOT NULL CHECK (kind IN ('actor', 'place', 'time', 'quantity')),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT,
            role TEXT,
            ref TEXT,
            score REAL,
            data TEXT NOT NULL DEFAULT '{}',
            run_id TEXT REFERENCES runs(id)
        );
        CREATE INDEX mentions_article ON mentions(article_id, start);
        CREATE INDEX mentions_kind_ref ON mentions(kind, ref);
        CREATE TABLE time_refs (
            mention_id TEXT PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,
            value_start TEXT,
            value_end TEXT,
            precision TEXT,
            anchor TEXT NOT NULL,
            hedge TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE quantities (
            mention_id TEXT PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,
            low INTEGER,
            high INTEGER,
            counted TEXT NOT NULL,
            category TEXT NOT NULL,
            approximate INTEGER NOT NULL,
            stated_zero INTEGER NOT NULL
        );
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            country TEXT,
            dict_id TEXT,
            aliases TEXT NOT NULL,
            n_mentions INTEGER NOT NULL,
            run_id TEXT REFERENCES runs(id)
        );
        CREATE INDEX actors_name ON actors(name);
        CREATE TABLE actor_keys (
            article_id TEXT NOT NULL REFERENCES articles(id),
            key TEXT NOT NULL,
            actor_id TEXT NOT NULL REFERENCES actors(id),
            PRIMARY KEY (article_id, key)
        ) WITHOUT ROWID;
        CREATE INDEX actor_keys_actor ON actor_keys(actor_id);
        """,
    ),
    (
        4,
        # The CHECK lists copy newstrace.claims.records as it stood at v4: a migration is
        # frozen SQL, so a later vocabulary change needs its own migration, not an import.
        # `denies` has no foreign key: an article's claims are replaced by delete-then-insert
        # and a denial may be inserted before the claim it denies.
        """
        CREATE TABLE parses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            model TEXT NOT NULL,
            data BLOB NOT NULL,
            run_id TEXT REFERENCES runs(id)
        );
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            part TEXT NOT NULL CHECK (part IN ('text', 'title')),
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker TEXT,
            speaker_ref_start INTEGER,
            speaker_ref_end INTEGER,
            speaker_ref TEXT,
            speaker_key TEXT,
            via_start INTEGER,
            via_end INTEGER,
            via TEXT,
            via_key TEXT,
            cue_start INTEGER NOT NULL,
            cue_end INTEGER NOT NULL,
            cue TEXT NOT NULL,
            cue_text TEXT NOT NULL DEFAULT '',
            cue_type TEXT NOT NULL CHECK (cue_type IN
                ('assert', 'report', 'deny', 'confirm', 'allege', 'believe')),
            stance TEXT NOT NULL CHECK (stance IN ('asserts', 'denies', 'hedges')),
            quote_type TEXT NOT NULL CHECK (quote_type IN ('direct', 'indirect', 'mixed')),
            medium_start INTEGER,
            medium_end INTEGER,
            medium TEXT,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            content TEXT NOT NULL,
            denies TEXT,
            run_id TEXT REFERENCES runs(id)
        );
        CREATE INDEX claims_article ON claims(article_id, part, content_start);
        CREATE INDEX claims_speaker_key ON claims(speaker_key);
        CREATE INDEX claims_cue_type ON claims(cue_type);
        CREATE INDEX claims_stance ON claims(stance);
        """,
    ),
    (
        5,
        # Events, stories and corroboration. Lists that are only ever read whole with their
        # row (an actor list, the sentences of a mention) are JSON; what is filtered or
        # joined on has columns and an index. A mention's field values and an event's facts
        # are rows keyed by position, so reading back gives the records in saved order.
        # Casualties are JSON ({"low", "best", "high"}) so "not stated" (NULL) stays apart
        # from "stated, figures unknown".
        """
        CREATE TABLE event_mentions (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            idx INTEGER NOT NULL,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger TEXT NOT NULL,
            published_at TEXT,
            published_utc TEXT,
            date_start TEXT,
            date_end TEXT,
            time_precision TEXT,
            place_id TEXT,
            place TEXT,
            country TEXT,
            admin1 TEXT,
            lat REAL,
            lon REAL,
            geo_precision TEXT,
            actors TEXT NOT NULL DEFAULT '[]',
            weapons TEXT NOT NULL DEFAULT '[]',
            fatalities TEXT,
            injuries TEXT,
            background INTEGER NOT NULL DEFAULT 0,
            denied INTEGER NOT NULL DEFAULT 0,
            sentences TEXT NOT NULL DEFAULT '[]',
            terms TEXT NOT NULL DEFAULT '[]',
            run_id TEXT REFERENCES runs(id),
            UNIQUE (article_id, idx)
        );
        CREATE INDEX event_mentions_order ON event_mentions(published_utc, article_id, idx);
        CREATE TABLE event_field_values (
            mention_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            claim_id TEXT,
            low REAL,
            high REAL,
            lat REAL,
            lon REAL,
            precision TEXT,
            negated INTEGER NOT NULL DEFAULT 0,
            hedged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (mention_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX event_field_values_field ON event_field_values(field, value);
        CREATE INDEX event_field_values_claim ON event_field_values(claim_id);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            date_start TEXT,
            date_end TEXT,
            time_precision TEXT,
            place_id TEXT,
            place TEXT,
            country TEXT,
            admin1 TEXT,
            lat REAL,
            lon REAL,
            geo_precision TEXT,
            actors TEXT NOT NULL DEFAULT '[]',
            weapons TEXT NOT NULL DEFAULT '[]',
            fatalities TEXT,
            injuries TEXT,
            background INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT,
            last_updated TEXT,
            run_id TEXT REFERENCES runs(id)
        );
        CREATE INDEX events_date_start ON events(date_start);
        CREATE INDEX events_date_end ON events(date_end);
        CREATE INDEX events_type ON events(event_type);
        CREATE INDEX events_sub_type ON events(sub_event_type);
        CREATE INDEX events_place ON events(place);
        CREATE INDEX events_country ON events(country);
        CREATE INDEX events_admin1 ON events(admin1);
        CREATE INDEX events_place_id ON events(place_id);
        CREATE INDEX events_background ON events(background);
        CREATE TABLE event_mention_links (
            mention_id TEXT PRIMARY KEY REFERENCES event_mentions(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position INTEGER NOT NULL
        );
        CREATE INDEX event_mention_links_event ON event_mention_links(event_id, position);
        CREATE TABLE event_articles (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (event_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX event_articles_article ON event_articles(article_id);
        CREATE TABLE facts (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            field TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN
                ('corroborated', 'single-source', 'contested', 'denied')),
            n_chains INTEGER NOT NULL,
            n_origins INTEGER NOT NULL,
            run_id TEXT REFERENCES runs(id),
            PRIMARY KEY (event_id, position),
            UNIQUE (event_id, field)
        ) WITHOUT ROWID;
        CREATE INDEX facts_status ON facts(status);
        CREATE TABLE fact_values (
            event_id TEXT NOT NULL,
            fact_position INTEGER NOT NULL,
            position INTEGER NOT NULL,
            value TEXT NOT NULL,
            label TEXT NOT NULL,
            n_chains INTEGER NOT NULL,
            n_origins INTEGER NOT NULL,
            low REAL,
            high REAL,
            PRIMARY KEY (event_id, fact_position, position),
            FOREIGN KEY (event_id, fact_position) REFERENCES facts(event_id, position)
                ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE TABLE fact_evidence (
            event_id TEXT NOT NULL,
            fact_position INTEGER NOT NULL,
            value_position INTEGER,
            position INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            chain_id TEXT NOT NULL,
            origin TEXT NOT NULL,
            speaker TEXT NOT NULL,
            claim_id TEXT,
            stance TEXT NOT NULL,
            FOREIGN KEY (event_id, fact_position) REFERENCES facts(event_id, position)
                ON DELETE CASCADE
        );
        CREATE INDEX fact_evidence_fact ON fact_evidence(event_id, fact_position,
                                                         value_position, position);
        CREATE INDEX fact_evidence_article ON fact_evidence(article_id);
        CREATE INDEX fact_evidence_claim ON fact_evidence(claim_id);
        """,
    ),
    (
        6,
        # Finding events in a large store: the folded names an event answers to, one row
        # per word start (store/event_filters.py), and an index in "newest first" order so
        # a page of events is an index walk, not a sort of every event.
        """
        CREATE TABLE event_keys (
            kind TEXT NOT NULL CHECK (kind IN ('place', 'actor', 'type')),
            key TEXT NOT NULL,
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            PRIMARY KEY (kind, key, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_keys_event ON event_keys(event_id);
        CREATE INDEX events_newest ON events(date_start IS NULL, date_start DESC,
                                             date_end DESC, id);
        -- most events are not background: this index made SQLite sort every event
        DROP INDEX events_background;
        """,
    ),
    (
        7,
        # Full-text search over articles, for Datasette's search box (and any SQLite tool):
        # an external-content FTS5 index keyed by `seq`, not by the implicit rowid, which
        # VACUUM may renumber in a table whose key is text. It is brought up to date after
        # stages run and before serving (`update_search_index`), not by a trigger on
        # insert: ingest does not pay for a browsing feature. `search_index` holds how far
        # it has come.
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content="articles", content_rowid="seq",
            tokenize="unicode61 remove_diacritics 2");
        CREATE TABLE search_index (
            name TEXT PRIMARY KEY,
            last_seq INTEGER NOT NULL
        );
        INSERT INTO search_index (name, last_seq) VALUES ('articles_fts', 0);
        """,
    ),
]
