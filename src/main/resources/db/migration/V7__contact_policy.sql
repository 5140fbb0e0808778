-- The channel order the customer stated (channel ids, comma-separated, first preferred). It goes
-- before the learned channel when a message is delivered with fallback.
ALTER TABLE customer ADD COLUMN preferred_channels VARCHAR(128);

-- Why a send waited before it went out (quiet hours, the frequency cap), recorded on its delivery.
ALTER TABLE delivery ADD COLUMN policy_note VARCHAR(500);

-- One row per marketing message cleared to go out (its fallbacks are the same message): what the
-- frequency cap counts. contacted_at is the engine's clock.
CREATE TABLE marketing_contact (
    message_ref  VARCHAR(64)  PRIMARY KEY,
    customer_id  VARCHAR(64)  NOT NULL,
    contacted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX marketing_contact_customer ON marketing_contact (customer_id, contacted_at);
