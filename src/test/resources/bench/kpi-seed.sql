-- The KPI benchmark's data set (PostgreSQL), for KpiQueryBenchmarkTest: ${journeys} journeys and ten
-- deliveries each, spread evenly over the last 30 days, so a 7-day window holds about a quarter.
-- Order confirmations: an SMS (60 % delivered, 25 % silent then WhatsApp, 15 % failed then
-- WhatsApp), the invoice email, and seven more sends of other steps; every tenth journey converted
-- (a goal event in the engine's history, next to three ordinary history rows per journey), every
-- twentieth opted out, every eighth replied.
INSERT INTO journey (id, playbook, process_definition_id, business_key, customer_id, status, created_at, ended_at,
                     replied_at, reply_opt_out)
SELECT 'bj-' || g,
       CASE g % 4 WHEN 0 THEN 'order-confirmation' WHEN 1 THEN 'order-confirmation'
                  WHEN 2 THEN 'discount-campaign' ELSE 'payment-reminder' END,
       'bench:1:bench', 'order-' || g, 'bc-' || (g % 50000),
       CASE WHEN g % 10 < 7 THEN 'COMPLETED' WHEN g % 10 < 9 THEN 'ACTIVE' ELSE 'FAILED' END,
       now() - (g::bigint * 43200 / ${journeys}) * interval '1 minute',
       CASE WHEN g % 10 < 7 THEN now() - (g::bigint * 43200 / ${journeys}) * interval '1 minute' + interval '2 days' END,
       CASE WHEN g % 8 = 0 THEN now() - (g::bigint * 43200 / ${journeys}) * interval '1 minute' + interval '1 hour' END,
       CASE WHEN g % 8 = 0 THEN g % 40 = 0 END
FROM generate_series(1, ${journeys}) AS g;

INSERT INTO delivery (id, send_key, journey_id, activity_id, customer_id, channel, provider, template, status,
                      segments, fell_back, in_flight, attempts, wait_state, wait_for, created_at, updated_at)
SELECT 'bd-' || g, 'bd-' || g, 'bj-' || j,
       -- The WhatsApp fallback goes out only where the SMS did not arrive; elsewhere that send is a receipt.
       CASE WHEN d.s = 1 AND j % 20 < 12 THEN 'Task_SendReceipt' ELSE step.activity END,
       'bc-' || (j % 50000), step.channel, 'sandbox',
       CASE WHEN d.s = 1 AND j % 20 < 12 THEN 'order-receipt' ELSE step.template END,
       CASE WHEN d.s = 0 THEN (CASE WHEN j % 20 < 12 THEN 'DELIVERED' WHEN j % 20 < 17 THEN 'ACCEPTED' ELSE 'FAILED' END)
            WHEN d.s = 1 THEN (CASE WHEN j % 20 < 12 THEN 'DELIVERED' WHEN j % 3 = 0 THEN 'READ' ELSE 'DELIVERED' END)
            WHEN g % 9 = 0 THEN 'FAILED' WHEN g % 5 = 0 THEN 'READ' ELSE 'DELIVERED' END,
       CASE WHEN step.channel = 'sms' THEN 1 + (j % 3) END,
       d.s = 0 AND j % 20 >= 12,
       FALSE, 1, 'ENDED', 'DELIVERY',
       now() - (j::bigint * 43200 / ${journeys}) * interval '1 minute' + d.s * interval '3 minutes',
       now() - (j::bigint * 43200 / ${journeys}) * interval '1 minute' + d.s * interval '3 minutes'
FROM (SELECT g, (g - 1) / 10 + 1 AS j, (g - 1) % 10 AS s FROM generate_series(1, ${journeys} * 10) AS g) AS d
JOIN (VALUES (0, 'Task_SendSms', 'sms', 'order-confirmation'),
             (1, 'Task_SendWhatsapp', 'whatsapp', 'order-confirmation'),
             (2, 'Task_SendInvoiceEmail', 'email', 'order-invoice'),
             (3, 'Task_SendMessage', 'whatsapp', 'thank-you'),
             (4, 'Task_SendMessage', 'telegram', 'discount'),
             (5, 'Task_SendMessage', 'sms', 'discount'),
             (6, 'Task_SendReminder', 'sms', 'payment-reminder'),
             (7, 'Task_SendReminder', 'email', 'payment-reminder'),
             (8, 'Task_SendMessage', 'viber', 'abandoned-cart'),
             (9, 'Task_SendMessage', 'push', 'abandoned-cart')) AS step (slot, activity, channel, template)
  ON step.slot = d.s;

INSERT INTO channel_block (customer_id, channel, address_hash, kind, provider, code, created_at)
SELECT 'bc-' || (g % 50000), 'sms', 'bench-' || g, 'OPTED_OUT', NULL, 'bench', now() - (g::bigint * 43200 / ${journeys}) * interval '1 minute'
FROM generate_series(1, ${journeys}) AS g WHERE g % 20 = 0;

INSERT INTO ACT_HI_ACTINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_,
                            ACT_ID_, ACT_TYPE_, START_TIME_, END_TIME_)
SELECT 'bh-' || g || '-' || a, 'discountCampaign', 'bench:1:bench', 'bj-' || g, 'bj-' || g, 'bj-' || g,
       CASE WHEN a = 0 AND g % 10 = 0 THEN 'StartEvent_PurchaseCompleted' ELSE 'Bench_Activity_' || a END,
       'serviceTask', now() - (g::bigint * 43200 / ${journeys}) * interval '1 minute', now() - (g::bigint * 43200 / ${journeys}) * interval '1 minute'
FROM generate_series(1, ${journeys}) AS g, generate_series(0, 3) AS a;

ANALYZE journey;
ANALYZE delivery;
ANALYZE channel_block;
ANALYZE ACT_HI_ACTINST;
