-- Aggregate over all 1 000 000 rows of facts (no index: a full scan), 10 groups. The parameter changes the
-- statement's text without changing how much is read.
\set q random(1, 10)
SELECT product_id % 10 AS bucket, count(*), sum(amount_cents), avg(qty)
FROM facts WHERE qty <> :q GROUP BY product_id % 10 ORDER BY bucket;
