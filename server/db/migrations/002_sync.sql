-- Sync: each business's members, ledger events and settings, numbered by one change sequence per
-- business. A push takes the business row's lock before it numbers anything, so pushes of one
-- business commit in sequence order and a pull bounded by the committed change_seq never skips
-- a row that was committed late.

ALTER TABLE businesses ADD COLUMN change_seq bigint NOT NULL DEFAULT 0;
-- The highest mutation id applied or rejected for the device: later pushes skip what is ≤ it.
ALTER TABLE devices ADD COLUMN last_mid bigint NOT NULL DEFAULT 0;

-- Members as merged records (field-wise last writer wins, see src/core/memberMerge.ts).
CREATE TABLE members (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  seq bigint NOT NULL,
  record jsonb NOT NULL,
  deleted_at timestamptz
);
CREATE INDEX members_business_seq ON members (business_id, seq);

-- The append-only ledger. `stamps` and `voids_id` are copied out of the record for balances.
CREATE TABLE events (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  member_id uuid NOT NULL REFERENCES members (id),
  seq bigint NOT NULL,
  kind text NOT NULL,
  stamps integer NOT NULL DEFAULT 0,
  hlc text NOT NULL,
  voids_id uuid,
  record jsonb NOT NULL,
  pushed_by uuid NOT NULL REFERENCES devices (id),
  -- Set when a redemption took the member's balance below zero (two tablets offline spending
  -- the same stamps): kept, and listed for the owner's review.
  overdrawn_at timestamptz
);
CREATE INDEX events_business_seq ON events (business_id, seq);
CREATE INDEX events_member ON events (member_id);
CREATE INDEX events_voids ON events (voids_id) WHERE voids_id IS NOT NULL;
CREATE INDEX events_overdrawn ON events (business_id) WHERE overdrawn_at IS NOT NULL;

-- The stamp program and shop settings the business's tablets share (last writer wins by HLC).
CREATE TABLE business_settings (
  business_id uuid PRIMARY KEY REFERENCES businesses (id),
  seq bigint NOT NULL,
  hlc text NOT NULL,
  record jsonb NOT NULL
);

-- Mutations the server can never apply. The device sees them on pull; they never block it.
CREATE TABLE sync_rejections (
  device_id uuid NOT NULL REFERENCES devices (id),
  mid bigint NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, mid)
);
