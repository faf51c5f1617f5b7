-- The console's server state: sessions, refused sign-ins, the activity, idempotency keys,
-- backends' operation logs, and claims on timed steps.

CREATE TABLE sessions (
  id text PRIMARY KEY,
  csrf_token text NOT NULL,
  operator_id text NOT NULL,
  operator_name text NOT NULL,
  username text NOT NULL,
  role text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE sign_in_refusals (
  username text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX sign_in_refusals_username_at ON sign_in_refusals (username, at);

CREATE TABLE activity (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  operator_id text NOT NULL,
  operator_name text NOT NULL,
  kind text NOT NULL,
  resources text[] NOT NULL,
  entry jsonb NOT NULL
);
CREATE INDEX activity_at ON activity (at DESC, seq DESC);
CREATE INDEX activity_resources ON activity USING gin (resources);

CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  fingerprint text NOT NULL,
  claimed_at timestamptz NOT NULL,
  status integer,
  body jsonb
);

CREATE TABLE operations (
  stream text NOT NULL,
  seq integer NOT NULL,
  operation jsonb NOT NULL,
  PRIMARY KEY (stream, seq)
);

CREATE TABLE claims (
  name text PRIMARY KEY,
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL
);
