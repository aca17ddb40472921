-- params: standard_conforming_strings
-- source: DBeaver PostgreDataSource.SettingCache.prepareLookupStatement (preloaded on connect)
select * from pg_catalog.pg_settings where name=$1
