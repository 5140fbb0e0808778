-- Finding a profile by email (GET /api/customers?email=...) is a lookup by key.
CREATE INDEX customer_email ON customer (email);
