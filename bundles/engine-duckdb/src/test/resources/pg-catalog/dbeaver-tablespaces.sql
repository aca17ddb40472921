-- source: DBeaver PostgreDatabase.TablespaceCache.prepareObjectsStatement (table properties)
SELECT t.oid,t.*,pg_tablespace_location(t.oid) loc
FROM pg_catalog.pg_tablespace t 
ORDER BY t.oid
