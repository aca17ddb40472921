-- source: DBeaver PostgreDataSource.initialize (on connect)
SELECT version()
