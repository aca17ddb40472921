-- Primary-key lookup: one row of kv (100 000 rows). On HatiData kv is governed: email masked, a row filter.
\set id random(1, 100000)
SELECT id, name, email, balance FROM kv WHERE id = :id;
