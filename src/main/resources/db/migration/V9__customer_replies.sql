-- A customer's message is a reply for the journeys that wait for one (customer-replied). A new
-- message from a known customer is stored PENDING and set to CORRELATED in the same transaction
-- that tells the engine, so a crash between the inbox's commit and the correlation leaves it
-- PENDING for the sweeper, and a message is never correlated twice. Messages stored before this
-- migration, and those from unknown senders, have no reply state: nothing to do.
ALTER TABLE inbound_message ADD COLUMN reply_state VARCHAR(16);
CREATE INDEX inbound_message_reply_state ON inbound_message (reply_state, received_at);

-- The reply that reached a journey: the inbox row (its text stays there, where erasure finds it),
-- its channel, when the customer wrote it, and whether it was an opt-out (STOP) rather than feedback.
ALTER TABLE journey ADD COLUMN reply_message_id BIGINT;
ALTER TABLE journey ADD COLUMN reply_channel VARCHAR(16);
ALTER TABLE journey ADD COLUMN replied_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE journey ADD COLUMN reply_opt_out BOOLEAN;
-- A reply finds its customer's running journeys (and erasure finds their journeys) by customer.
CREATE INDEX journey_customer ON journey (customer_id, status);
