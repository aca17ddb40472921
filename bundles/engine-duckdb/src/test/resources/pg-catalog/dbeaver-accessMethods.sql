-- source: DBeaver PostgreDatabase.AccessMethodCache.prepareObjectsStatement (table properties, index access method)
SELECT am.oid,am.* FROM pg_catalog.pg_am am 
ORDER BY am.oid
