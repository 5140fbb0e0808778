-- The variant of an A/B split a journey took ("Split A/B" in a playbook), for the KPIs per variant.
ALTER TABLE journey ADD COLUMN variant VARCHAR(32);
