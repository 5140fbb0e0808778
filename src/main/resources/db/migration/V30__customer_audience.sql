-- What segments filter on and templates may use (docs/audience.md, ADR 10): the customer's name; the
-- country of their phone number (ISO 3166 code, from libphonenumber, set whenever the phone is); when
-- they last purchased (a purchase event that names them).
ALTER TABLE customer ADD COLUMN name VARCHAR(200);
ALTER TABLE customer ADD COLUMN country VARCHAR(2);
ALTER TABLE customer ADD COLUMN purchased_at TIMESTAMP WITH TIME ZONE;

-- A customer's tags, one row each. The index finds a tag's customers, as a segment asks.
CREATE TABLE customer_tag (
    customer_id VARCHAR(64) NOT NULL,
    tag         VARCHAR(64) NOT NULL,
    PRIMARY KEY (customer_id, tag)
);
CREATE INDEX customer_tag_tag ON customer_tag (tag, customer_id);

-- A customer's free attributes (city, plan, ...), one row each: plain columns that H2 and PostgreSQL
-- index and compare alike, which a JSON column would not.
CREATE TABLE customer_attribute (
    customer_id VARCHAR(64)  NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    content     VARCHAR(500) NOT NULL,
    PRIMARY KEY (customer_id, name)
);
-- The index finds an attribute's customers by value. The value comes first on purpose: led by the
-- name, PostgreSQL's generic plan for the import's "WHERE customer_id = ? AND name = ?", made while
-- the table is still empty, took it over the primary key and then scanned every customer with that
-- attribute, for each row.
CREATE INDEX customer_attribute_content ON customer_attribute (content, name);

-- A saved, named filter over the profiles; the filter is kept as the JSON the API took.
CREATE TABLE segment (
    name        VARCHAR(64)    PRIMARY KEY,
    filter_json VARCHAR(20000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
