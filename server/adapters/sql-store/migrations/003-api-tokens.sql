-- API tokens for automation: each secret kept only as its SHA-256 hash, with who made it,
-- when it expires, its last use, and its revocation.

CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL,
  hash text NOT NULL UNIQUE,
  hint text NOT NULL,
  created_by_id text NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by_id text,
  revoked_by_name text
);
