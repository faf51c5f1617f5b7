-- An API token may be limited to one customer, as a person's role may: its calls then see and
-- change that customer's devices, sites and servers only. NULL: every customer.

ALTER TABLE api_tokens ADD COLUMN customer_id text;
ALTER TABLE api_tokens ADD COLUMN customer_name text;
