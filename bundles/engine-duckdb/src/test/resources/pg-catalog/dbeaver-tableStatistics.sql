-- params: {nspoid:main}
-- source: DBeaver PostgreSchema.collectObjectStatistics (table sizes in a schema; text as logged by DBeaver)
select c.oid,pg_catalog.pg_total_relation_size(c.oid) as total_rel_size,pg_catalog.pg_relation_size(c.oid) as rel_size FROM pg_class c WHERE c.relnamespace=$1
