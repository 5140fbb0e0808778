-- When a customer reads our messages or writes to us, counted by quarter of an hour of the UTC day
-- (0 = 00:00-00:15 UTC, 95 = 23:45-24:00). Every time zone's offset is a whole number of quarters,
-- so the counts turn into the customer's local hours exactly, in whatever zone they live now: what
-- "the customer's best hour" for a marketing send is learnt from.
CREATE TABLE customer_engagement_time (
    customer_id VARCHAR(64) NOT NULL,
    utc_quarter SMALLINT    NOT NULL,
    engagements INTEGER     NOT NULL,
    PRIMARY KEY (customer_id, utc_quarter)
);
