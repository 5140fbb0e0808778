-- The channel on which the customer last read a message or wrote to us, and when: what we learn
-- about where they answer.
ALTER TABLE customer ADD COLUMN engaged_channel VARCHAR(16);
ALTER TABLE customer ADD COLUMN engaged_at TIMESTAMP WITH TIME ZONE;
