-- Four-table join: one day of orders (about 550 of 200 000) with their customers, products and regions.
\set d random(0, 364)
SELECT r.name AS region, p.category, count(*) AS orders, sum(o.amount_cents) AS amount
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN products p ON p.id = o.product_id
JOIN regions r ON r.id = c.region_id
WHERE o.day = DATE '2026-01-01' + :d
GROUP BY r.name, p.category ORDER BY region, p.category;
