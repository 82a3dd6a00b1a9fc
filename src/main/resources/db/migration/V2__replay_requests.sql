-- A replay asked of a follower (Hawtio on any replica) is recorded here and carried out by the leader, whose
-- timer picks up the letters requested and not yet replayed. A requested letter is no longer listed as waiting.
ALTER TABLE dead_letter ADD COLUMN replay_requested_at timestamptz;
ALTER TABLE dead_letter ADD COLUMN replay_requested_by text;
CREATE INDEX dead_letter_replay_requested ON dead_letter (id) WHERE replayed_at IS NULL AND replay_requested_at IS NOT NULL;
