-- source: DBeaver PostgreDataSource.prepareReadDatabaseListStatement (on connect with "Show all databases")
SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE 1 = 1 AND datallowconn AND NOT datistemplate 
ORDER BY db.datname
