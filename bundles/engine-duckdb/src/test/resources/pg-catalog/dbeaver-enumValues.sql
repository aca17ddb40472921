-- source: DBeaver PostgreDatabase.EnumValueCache.prepareObjectsStatement (on connect, with data types)
SELECT * FROM pg_catalog.pg_enum
