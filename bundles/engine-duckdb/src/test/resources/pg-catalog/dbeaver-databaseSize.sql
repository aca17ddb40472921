-- params: {dboid}
-- source: DBeaver PostgreDataSource.collectObjectStatistics (database statistics)
SELECT db.datname,pg_database_size(db.oid) FROM pg_catalog.pg_database db WHERE db.oid=$1
