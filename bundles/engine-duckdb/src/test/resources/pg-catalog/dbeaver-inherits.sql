-- params: {oid:t}
-- source: DBeaver PostgreTableReal.getSuperInheritance (table properties; text as logged by DBeaver)
SELECT i.*,c.relnamespace FROM pg_catalog.pg_inherits i,pg_catalog.pg_class c WHERE i.inhrelid=$1 AND c.oid=i.inhparent ORDER BY i.inhseqno
