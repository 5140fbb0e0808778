-- What a journey's wait for a delivery waits for: DELIVERY (delivered, read or failed ends it) or
-- READ (only read or failed ends it: "delivered" is not enough for "if it is not read, remind").
ALTER TABLE delivery ADD COLUMN wait_for VARCHAR(10) DEFAULT 'DELIVERY' NOT NULL;

-- The sandbox keeps an email's HTML too: it carries the open pixel (GET /o/<token>), which a user
-- of the sandbox can open to play the customer reading the email.
ALTER TABLE sandbox_outbox ADD COLUMN html VARCHAR(100000);
