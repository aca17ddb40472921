-- params: {oid:t}
-- source: DBeaver PostgreTableBase triggers cache (Triggers folder of a table; text as logged by DBeaver)
SELECT x.oid,x.*,p.pronamespace as func_schema_id,d.description FROM pg_catalog.pg_trigger x LEFT OUTER JOIN pg_catalog.pg_proc p ON p.oid=x.tgfoid LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=x.oid AND d.objsubid=0 WHERE x.tgrelid = $1 AND NOT x.tgisinternal
