-- source: DBeaver PostgreDatabase.CollationCache.prepareObjectsStatement (column properties)
SELECT c.oid,c.* FROM pg_catalog.pg_collation c 
ORDER BY c.oid
