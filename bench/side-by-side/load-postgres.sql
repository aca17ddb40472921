-- The benchmark data on PostgreSQL 15. Every value is a function of the row number, so load-hatidata.sql
-- produces the same rows on DuckDB (bigint arithmetic: i * 7919 overflows integer for 1 M rows).
\set ON_ERROR_STOP on

-- 100 000 rows for primary-key lookups.
CREATE TABLE kv (id INTEGER PRIMARY KEY, name VARCHAR(40), email VARCHAR(60), balance INTEGER);
INSERT INTO kv
SELECT i, 'name-' || i, 'user' || i || '@example.com', ((i * 7919) % 100000)::INTEGER
FROM generate_series(1::BIGINT, 100000) AS t(i);

-- 1 000 000 rows for aggregates (no index: every aggregate is a full scan).
CREATE TABLE facts (id BIGINT, customer_id INTEGER, product_id INTEGER, qty INTEGER, amount_cents INTEGER, day DATE);
INSERT INTO facts
SELECT i, ((i * 31) % 10000 + 1)::INTEGER, ((i * 17) % 1000 + 1)::INTEGER, (i % 10 + 1)::INTEGER,
       ((i * 7919) % 100000)::INTEGER, DATE '2026-01-01' + (i % 365)::INTEGER
FROM generate_series(1::BIGINT, 1000000) AS t(i);

-- A small star for the four-table join.
CREATE TABLE regions (id INTEGER PRIMARY KEY, name VARCHAR(20));
INSERT INTO regions SELECT i, 'region-' || i FROM generate_series(1::BIGINT, 10) AS t(i);
CREATE TABLE customers (id INTEGER PRIMARY KEY, region_id INTEGER, name VARCHAR(40), email VARCHAR(60));
INSERT INTO customers
SELECT i, (i % 10 + 1)::INTEGER, 'customer-' || i, 'c' || i || '@example.com'
FROM generate_series(1::BIGINT, 10000) AS t(i);
CREATE TABLE products (id INTEGER PRIMARY KEY, category VARCHAR(20), price_cents INTEGER);
INSERT INTO products
SELECT i, 'category-' || (i % 20 + 1), ((i * 37) % 10000 + 100)::INTEGER
FROM generate_series(1::BIGINT, 1000) AS t(i);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, product_id INTEGER, qty INTEGER,
                     amount_cents INTEGER, day DATE);
INSERT INTO orders
SELECT i, ((i * 13) % 10000 + 1)::INTEGER, ((i * 7) % 1000 + 1)::INTEGER, (i % 5 + 1)::INTEGER,
       ((i * 104729) % 50000)::INTEGER, DATE '2026-01-01' + (i % 365)::INTEGER
FROM generate_series(1::BIGINT, 200000) AS t(i);

VACUUM ANALYZE;
