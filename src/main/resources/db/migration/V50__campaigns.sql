-- Campaigns (docs/campaigns.md, ADR 11): one playbook started for many customers at a set rate. The
-- campaign row is the walk's state, locked by each batch: its status, the last customer id handled
-- (the walk goes in id order) and which scheduled batch job is the live one (batch_seq), so a paused
-- and resumed campaign never has two job chains.
CREATE TABLE campaign (
    id              VARCHAR(36)    PRIMARY KEY,
    name            VARCHAR(200)   NOT NULL,
    playbook        VARCHAR(128)   NOT NULL,
    segment         VARCHAR(64),
    variables_json  VARCHAR(20000) NOT NULL,
    start_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    rate_per_second DOUBLE PRECISION NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    audience_size   BIGINT         NOT NULL,
    cursor_id       VARCHAR(64),
    batch_seq       INTEGER        NOT NULL,
    next_batch_at   TIMESTAMP WITH TIME ZONE,
    job_id          VARCHAR(64),
    created_by      VARCHAR(128),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    ended_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX campaign_created ON campaign (created_at);

-- The customers of a campaign whose audience is a list of ids rather than a segment.
CREATE TABLE campaign_audience (
    campaign_id VARCHAR(36) NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (campaign_id, customer_id)
);

-- Each customer a campaign handled, once: the primary key is the "at most once per campaign", and the
-- row is written in the same transaction as the journey's start. outcome: STARTED (journey_id names
-- the journey), SKIPPED (opted out or unreachable on every channel of the playbook) or FAILED (the
-- playbook's messages cannot be rendered for them; reason says why).
CREATE TABLE campaign_member (
    campaign_id VARCHAR(36)  NOT NULL,
    customer_id VARCHAR(64)  NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,
    journey_id  VARCHAR(64),
    reason      VARCHAR(500),
    handled_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX campaign_member_customer ON campaign_member (customer_id);

-- Journeys a campaign started carry its id, so the KPIs can be read per campaign.
ALTER TABLE journey ADD COLUMN campaign_id VARCHAR(36);
CREATE INDEX journey_campaign ON journey (campaign_id, created_at);
