-- The KPIs (GET /api/kpis, the /kpis page) read a time window of the ledger and of journeys: a
-- range scan by creation time instead of a full scan, whatever the size of the tables. The journey
-- index carries the playbook, so a window of one playbook is read from the index alone.
CREATE INDEX delivery_created ON delivery (created_at);
CREATE INDEX journey_created ON journey (created_at, playbook);
-- A delivery "fell back" when its journey later sent the same template on another channel.
CREATE INDEX delivery_journey_template ON delivery (journey_id, template, created_at);
-- The journeys-waiting gauge counts running journeys at every scrape.
CREATE INDEX journey_status ON journey (status);
-- Opt-outs recorded for a customer after a journey of theirs started.
CREATE INDEX channel_block_customer_kind ON channel_block (customer_id, kind, created_at);
