-- source: DBeaver PostgreDataSource.loadAvailableDatabases (on connect, bootstrap connection)
SELECT current_database()
