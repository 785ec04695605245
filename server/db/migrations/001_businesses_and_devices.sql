-- A business (one owner, one member base) has shops; tablets (devices) pair with a shop through
-- a one-time pairing code and then authenticate with a token. Codes and tokens are stored hashed.

CREATE TABLE businesses (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shops (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shops_business ON shops (business_id);

CREATE TABLE pairing_codes (
  code_hash text PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  shop_id uuid NOT NULL REFERENCES shops (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Card-number prefixes below 90000 are handed out here, one per device, unique server-wide;
-- unpaired tablets use 90000–99999 (see src/core/cardNumber.ts).
CREATE SEQUENCE device_card_prefixes START 10000 MAXVALUE 89999;

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  shop_id uuid NOT NULL REFERENCES shops (id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  card_prefix integer NOT NULL UNIQUE DEFAULT nextval('device_card_prefixes'),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX devices_business ON devices (business_id);
