-- Device schedules a backend has none of (hawkBit): each device's window in its IANA zone,
-- kept by the console's server and handed to the backend with each assignment.

CREATE TABLE device_schedules (
  backend text NOT NULL,
  device_id text NOT NULL,
  schedule jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (backend, device_id)
);
