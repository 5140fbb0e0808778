-- The execution that waits for a delivery's report. Reports are delivered to it directly, which
-- stays a lookup by key however many journeys wait (a correlation by variable value does not).
ALTER TABLE delivery ADD COLUMN wait_execution_id VARCHAR(64);
