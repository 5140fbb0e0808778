-- A delivery fell back when the next send of the same message (template) in its journey went out on
-- another channel. It is recorded on the delivery when that next send starts, so the KPIs count it
-- without looking at other rows. Earlier deliveries get it from the ledger as it stands.
ALTER TABLE delivery ADD COLUMN fell_back BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE delivery SET fell_back = TRUE WHERE EXISTS (SELECT 1 FROM delivery n WHERE n.journey_id = delivery.journey_id
    AND n.template = delivery.template AND n.channel <> delivery.channel AND n.created_at > delivery.created_at);
