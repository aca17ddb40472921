-- source: DBeaver PostgreDataSource.SettingCache.prepareLookupStatement (Administer > Settings)
select * from pg_catalog.pg_settings
