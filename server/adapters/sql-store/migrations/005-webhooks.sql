-- Webhooks: where the server sends its notifications, signed with each webhook's secret; the
-- deliveries with every attempt and the next one (a claim lets one server attempt each);
-- and the events already seen, so that each is delivered once across servers.

CREATE TABLE webhooks (
  id text PRIMARY KEY,
  url text NOT NULL,
  events text[] NOT NULL,
  secret text NOT NULL,
  created_by_id text NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  removed_at timestamptz
);

CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  webhook_id text NOT NULL REFERENCES webhooks (id),
  event text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL,
  attempts jsonb NOT NULL,
  next_attempt_at timestamptz,
  claimed_until timestamptz
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_of ON webhook_deliveries (webhook_id, created_at DESC);

CREATE TABLE webhook_events_seen (
  id text PRIMARY KEY,
  seen_at timestamptz NOT NULL
);
