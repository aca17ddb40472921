-- source: DBeaver PostgreDatabase.EventTriggersCache.prepareLookupStatement (Event triggers folder)
SELECT pet.*, d.description FROM pg_catalog.pg_event_trigger pet
LEFT OUTER JOIN pg_catalog.pg_description d ON pet."oid" = d.objoid
