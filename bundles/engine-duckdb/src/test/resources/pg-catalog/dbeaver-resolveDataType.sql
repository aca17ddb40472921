-- params: 23
-- source: DBeaver PostgreDataTypeCache.resolveDataType(monitor, database, long oid)
SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0), t.typtypmod) as base_type_name FROM pg_catalog.pg_type t
LEFT OUTER JOIN pg_class c ON c.oid=t.typrelid
WHERE t.oid=$1 
