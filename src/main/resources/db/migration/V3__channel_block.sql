-- A customer who must not or cannot be messaged at an address on a channel: an opt-out (an SMS
-- STOP, Twilio 21610) or an unreachable address (a blocked bot, an unregistered number, a hard
-- bounce). The address is kept only as a hash: a new address on the same channel is tried again.
CREATE TABLE channel_block (
    customer_id   VARCHAR(64)  NOT NULL,
    channel       VARCHAR(16)  NOT NULL,
    address_hash  VARCHAR(64)  NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    provider      VARCHAR(32),
    code          VARCHAR(64),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (customer_id, channel, address_hash)
);
