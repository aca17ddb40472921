-- params: env_dev_a
-- source: DBeaver PostgreDatabase.readDatabaseInfo (on connect, default database only)
SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname=$1
