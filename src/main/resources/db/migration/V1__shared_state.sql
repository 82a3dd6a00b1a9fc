-- Shared state of the cxone-handoff replicas (issue 16). Flyway applies this once per database.

-- The exactly-once record: one row per handoff done. Rows are inserted with ON CONFLICT DO NOTHING, so
-- of two replicas adding one key at once exactly one wins. The key is today the interaction id; it is a
-- column of its own so that a per-episode key ("<interaction id>:<episode>") can replace it later.
CREATE TABLE handoff_done (
    key            text        PRIMARY KEY,
    interaction_id text        NOT NULL,
    -- the replica that recorded it (only that replica's failures may remove it)
    done_by        text        NOT NULL,
    done_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handoff_done_interaction ON handoff_done (interaction_id);
-- for a retention clean-up of old rows
CREATE INDEX handoff_done_done_at ON handoff_done (done_at);

-- Handoffs that failed for good, listed and replayed from any replica. The letter is the same JSON
-- document the file store writes (event, failed route and endpoint, error).
CREATE TABLE dead_letter (
    id             bigserial   PRIMARY KEY,
    interaction_id text,
    failed_at      timestamptz NOT NULL DEFAULT now(),
    stored_by      text        NOT NULL,
    letter         jsonb       NOT NULL,
    -- set once, by the one replica that claims the replay
    replayed_at    timestamptz,
    replayed_by    text
);
CREATE INDEX dead_letter_pending ON dead_letter (id) WHERE replayed_at IS NULL;
