-- source: pgjdbc PgDatabaseMetaData.getDefaultTransactionIsolation, called by DBeaver JDBCDataSourceInfo (on connect)
SELECT setting FROM pg_catalog.pg_settings WHERE name='default_transaction_isolation'
