-- Small aggregate: count and sum over a key range of 100 accounts, grouped by branch.
-- The range end is computed by pgbench (\set), not in SQL: HatiData cannot type "$1 + 99" with an untyped
-- parameter in prepared mode (see ../README.md).
\set aid random(1, 100000 * :scale - 99)
\set last :aid + 99
SELECT bid, count(*), sum(abalance) FROM pgbench_accounts WHERE aid BETWEEN :aid AND :last GROUP BY bid;
