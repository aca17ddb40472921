-- source: Metabase metabase.driver.postgres/enum-types (sync, describe-fields pre-process)
SELECT nspname, typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid IN (SELECT DISTINCT enumtypid FROM pg_enum e)
