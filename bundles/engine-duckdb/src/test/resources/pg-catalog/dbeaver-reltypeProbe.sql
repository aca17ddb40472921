-- source: DBeaver PostgreUtils.getQueryForSystemColumnChecking("pg_class", "reltype") (on connect)
SELECT reltype FROM pg_catalog.pg_class WHERE 1<>1 LIMIT 1
