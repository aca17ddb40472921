-- Point select by primary key: one row of pgbench_accounts (100 000 rows per scale unit), all columns.
\set aid random(1, 100000 * :scale)
SELECT aid, bid, abalance, filler FROM pgbench_accounts WHERE aid = :aid;
