-- source: DBeaver PostgreDatabase.AvailableExtensionCache.prepareObjectsStatement (Extensions folder)
SELECT name,default_version,installed_version,comment FROM pg_catalog.pg_available_extensions ORDER BY name
