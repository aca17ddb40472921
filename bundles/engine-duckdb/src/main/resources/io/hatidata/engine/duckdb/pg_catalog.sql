-- PostgreSQL catalog as Postgres clients read it (psql's \d family, pgjdbc DatabaseMetaData, BI tools),
-- built on DuckDB's own metadata functions. Installed as TEMP macros on a session's connection the first
-- time it sends a catalog query, so nothing is written into the environment's database and nothing shows
-- up in its information_schema. PgCatalogRewriter maps pg_catalog.X to hd_pg_X() and f(...) to hd_f(...).
-- One statement per block; blocks end with a line holding only ';'.

CREATE OR REPLACE TEMP MACRO hd_type_oid_scalar(dt) AS
  CASE
    WHEN dt LIKE 'DECIMAL%' THEN 1700
    WHEN dt = 'BOOLEAN' THEN 16
    WHEN dt IN ('TINYINT', 'SMALLINT', 'UTINYINT') THEN 21
    WHEN dt IN ('INTEGER', 'USMALLINT') THEN 23
    WHEN dt IN ('BIGINT', 'UINTEGER') THEN 20
    WHEN dt IN ('HUGEINT', 'UBIGINT', 'UHUGEINT', 'VARINT', 'BIGNUM') THEN 1700
    WHEN dt = 'FLOAT' THEN 700
    WHEN dt = 'DOUBLE' THEN 701
    WHEN dt = 'BLOB' THEN 17
    WHEN dt = 'DATE' THEN 1082
    WHEN dt = 'TIME' THEN 1083
    WHEN dt IN ('TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS') THEN 1114
    WHEN dt = 'TIMESTAMP WITH TIME ZONE' THEN 1184
    WHEN dt = 'INTERVAL' THEN 1186
    WHEN dt = 'UUID' THEN 2950
    WHEN dt = 'JSON' THEN 114
    ELSE 25
  END
;
CREATE OR REPLACE TEMP MACRO hd_type_oid(dt) AS
  CASE
    WHEN dt LIKE '%[]' THEN CASE hd_type_oid_scalar(left(dt, length(dt) - 2))
        WHEN 16 THEN 1000 WHEN 21 THEN 1005 WHEN 23 THEN 1007 WHEN 20 THEN 1016 WHEN 700 THEN 1021
        WHEN 701 THEN 1022 WHEN 1700 THEN 1231 WHEN 1082 THEN 1182 WHEN 1114 THEN 1115 WHEN 1184 THEN 1185
        WHEN 2950 THEN 2951 ELSE 1009 END
    ELSE hd_type_oid_scalar(dt)
  END
;
CREATE OR REPLACE TEMP MACRO hd_type_mod(dt, p_type_precision, p_type_scale) AS
  CASE WHEN dt LIKE 'DECIMAL%' THEN (p_type_precision * 65536 + p_type_scale + 4)::INTEGER ELSE -1 END
;
CREATE OR REPLACE TEMP MACRO hd_ident_last(p_qualified) AS
  trim(string_split(p_qualified, '.')[-1], '"')
;
CREATE OR REPLACE TEMP MACRO hd_pg_key_constraints() AS TABLE
  SELECT c.table_oid::BIGINT AS conrelid, c.schema_oid::BIGINT AS connamespace, c.constraint_index,
         CASE c.constraint_type WHEN 'PRIMARY KEY' THEN 'p' WHEN 'UNIQUE' THEN 'u' WHEN 'CHECK' THEN 'c'
              WHEN 'FOREIGN KEY' THEN 'f' END AS contype,
         coalesce(c.constraint_name, c.table_name || '_' || c.constraint_index) AS conname,
         c.constraint_text, c.table_name, c.schema_name, c.referenced_table, c.referenced_column_names,
         list_transform(c.constraint_column_indexes, i -> (i + 1)::SMALLINT) AS conkey
  FROM duckdb_constraints() c
  WHERE c.database_name IN (current_database(), 'temp')
    AND c.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'CHECK', 'FOREIGN KEY')
;
CREATE OR REPLACE TEMP MACRO hd_pg_key_indexes() AS TABLE
  SELECT (conrelid * 1000 + 500 + constraint_index)::BIGINT AS oid,
         CASE contype WHEN 'p' THEN table_name || '_pkey' ELSE conname END AS relname,
         connamespace AS relnamespace, conrelid AS indrelid, contype = 'p' AS indisprimary, conkey AS indkey,
         constraint_text
  FROM hd_pg_key_constraints() WHERE contype IN ('p', 'u')
;
CREATE OR REPLACE TEMP MACRO hd_pg_type() AS TABLE
  SELECT t.oid::BIGINT AS oid, t.typname, 11::BIGINT AS typnamespace, 10::BIGINT AS typowner,
         t.typlen::SMALLINT AS typlen, true AS typbyval, t.typtype, t.typcategory, false AS typispreferred,
         true AS typisdefined, ',' AS typdelim, 0::BIGINT AS typrelid, t.typelem::BIGINT AS typelem,
         t.typarray::BIGINT AS typarray, t.typinput, t.typoutput, 'i' AS typalign, 'p' AS typstorage,
         false AS typnotnull, 0::BIGINT AS typbasetype, -1 AS typtypmod, 0 AS typndims,
         CASE WHEN t.typcategory = 'S' THEN 100 ELSE 0 END::BIGINT AS typcollation,
         NULL::VARCHAR AS typdefault, NULL::VARCHAR AS typacl
  FROM (VALUES
    (16, 'bool', 1, 'b', 'B', 0, 1000, 'boolin', 'boolout'),
    (17, 'bytea', -1, 'b', 'U', 0, 1001, 'byteain', 'byteaout'),
    (18, 'char', 1, 'b', 'Z', 0, 1002, 'charin', 'charout'),
    (19, 'name', 64, 'b', 'S', 0, 1003, 'namein', 'nameout'),
    (20, 'int8', 8, 'b', 'N', 0, 1016, 'int8in', 'int8out'),
    (21, 'int2', 2, 'b', 'N', 0, 1005, 'int2in', 'int2out'),
    (23, 'int4', 4, 'b', 'N', 0, 1007, 'int4in', 'int4out'),
    (25, 'text', -1, 'b', 'S', 0, 1009, 'textin', 'textout'),
    (26, 'oid', 4, 'b', 'N', 0, 1028, 'oidin', 'oidout'),
    (114, 'json', -1, 'b', 'U', 0, 199, 'json_in', 'json_out'),
    (700, 'float4', 4, 'b', 'N', 0, 1021, 'float4in', 'float4out'),
    (701, 'float8', 8, 'b', 'N', 0, 1022, 'float8in', 'float8out'),
    (1043, 'varchar', -1, 'b', 'S', 0, 1015, 'varcharin', 'varcharout'),
    (1082, 'date', 4, 'b', 'D', 0, 1182, 'date_in', 'date_out'),
    (1083, 'time', 8, 'b', 'D', 0, 1183, 'time_in', 'time_out'),
    (1114, 'timestamp', 8, 'b', 'D', 0, 1115, 'timestamp_in', 'timestamp_out'),
    (1184, 'timestamptz', 8, 'b', 'D', 0, 1185, 'timestamptz_in', 'timestamptz_out'),
    (1186, 'interval', 16, 'b', 'T', 0, 1187, 'interval_in', 'interval_out'),
    (1700, 'numeric', -1, 'b', 'N', 0, 1231, 'numeric_in', 'numeric_out'),
    (2950, 'uuid', 16, 'b', 'U', 0, 2951, 'uuid_in', 'uuid_out'),
    (3802, 'jsonb', -1, 'b', 'U', 0, 3807, 'jsonb_in', 'jsonb_out'),
    (1000, '_bool', -1, 'b', 'A', 16, 0, 'array_in', 'array_out'),
    (1001, '_bytea', -1, 'b', 'A', 17, 0, 'array_in', 'array_out'),
    (1005, '_int2', -1, 'b', 'A', 21, 0, 'array_in', 'array_out'),
    (1007, '_int4', -1, 'b', 'A', 23, 0, 'array_in', 'array_out'),
    (1009, '_text', -1, 'b', 'A', 25, 0, 'array_in', 'array_out'),
    (1015, '_varchar', -1, 'b', 'A', 1043, 0, 'array_in', 'array_out'),
    (1016, '_int8', -1, 'b', 'A', 20, 0, 'array_in', 'array_out'),
    (1021, '_float4', -1, 'b', 'A', 700, 0, 'array_in', 'array_out'),
    (1022, '_float8', -1, 'b', 'A', 701, 0, 'array_in', 'array_out'),
    (1028, '_oid', -1, 'b', 'A', 26, 0, 'array_in', 'array_out'),
    (1115, '_timestamp', -1, 'b', 'A', 1114, 0, 'array_in', 'array_out'),
    (1182, '_date', -1, 'b', 'A', 1082, 0, 'array_in', 'array_out'),
    (1185, '_timestamptz', -1, 'b', 'A', 1184, 0, 'array_in', 'array_out'),
    (1231, '_numeric', -1, 'b', 'A', 1700, 0, 'array_in', 'array_out'),
    (2951, '_uuid', -1, 'b', 'A', 2950, 0, 'array_in', 'array_out')
  ) AS t(oid, typname, typlen, typtype, typcategory, typelem, typarray, typinput, typoutput)
;
CREATE OR REPLACE TEMP MACRO hd_pg_namespace() AS TABLE
  SELECT oid::BIGINT AS oid,
         CASE WHEN database_name = 'temp' THEN 'pg_temp_1' ELSE schema_name END AS nspname, 10::BIGINT AS nspowner, NULL::VARCHAR AS nspacl
  FROM duckdb_schemas()
  WHERE database_name IN (current_database(), 'temp') AND schema_name NOT IN ('information_schema', 'pg_catalog')
  UNION ALL SELECT 11, 'pg_catalog', 10, NULL
  UNION ALL SELECT 12, 'information_schema', 10, NULL
;
CREATE OR REPLACE TEMP MACRO hd_pg_relations() AS TABLE
  SELECT table_oid::BIGINT AS oid, table_name AS relname, schema_oid::BIGINT AS relnamespace, 'r' AS relkind,
         column_count AS relnatts, check_constraint_count AS relchecks, has_primary_key OR index_count > 0 AS relhasindex,
         estimated_size AS reltuples, CASE WHEN temporary THEN 't' ELSE 'p' END AS relpersistence, 2 AS relam
  FROM duckdb_tables() WHERE database_name IN (current_database(), 'temp') AND NOT internal
  UNION ALL
  SELECT view_oid, view_name, schema_oid, 'v', column_count, 0, false, 0,
         CASE WHEN temporary THEN 't' ELSE 'p' END, 0
  FROM duckdb_views() WHERE database_name IN (current_database(), 'temp') AND NOT internal
  UNION ALL
  SELECT index_oid, index_name, schema_oid, 'i', 1, 0, false, 0, 'p', 403
  FROM duckdb_indexes() WHERE database_name IN (current_database(), 'temp')
  UNION ALL
  SELECT i.oid, i.relname, i.relnamespace, 'i', len(i.indkey), 0, false, 0, 'p', 403 FROM hd_pg_key_indexes() i
  UNION ALL
  SELECT sequence_oid, sequence_name, schema_oid, 'S', 0, 0, false, 0,
         CASE WHEN temporary THEN 't' ELSE 'p' END, 0
  FROM duckdb_sequences() WHERE database_name IN (current_database(), 'temp')
;
CREATE OR REPLACE TEMP MACRO hd_pg_class() AS TABLE
  SELECT oid, relname, relnamespace, 0::BIGINT AS reltype, 0::BIGINT AS reloftype, 10::BIGINT AS relowner,
         relam::BIGINT AS relam, oid AS relfilenode, 0::BIGINT AS reltablespace, 0 AS relpages,
         reltuples::FLOAT AS reltuples, 0 AS relallvisible, 0::BIGINT AS reltoastrelid, relhasindex,
         false AS relisshared, relpersistence, relkind, relnatts::SMALLINT AS relnatts,
         relchecks::SMALLINT AS relchecks, false AS relhasrules, false AS relhastriggers,
         false AS relhassubclass, false AS relrowsecurity, false AS relforcerowsecurity, true AS relispopulated,
         'd' AS relreplident, false AS relispartition, 0::BIGINT AS relrewrite, NULL::VARCHAR[] AS relacl,
         NULL::VARCHAR[] AS reloptions, NULL::VARCHAR AS relpartbound
  FROM hd_pg_relations()
;
CREATE OR REPLACE TEMP MACRO hd_pg_attribute() AS TABLE
  SELECT table_oid::BIGINT AS attrelid, column_name AS attname, hd_type_oid(data_type)::BIGINT AS atttypid,
         -1 AS attstattarget, -1::SMALLINT AS attlen, column_index::SMALLINT AS attnum,
         CASE WHEN data_type LIKE '%[]' THEN 1 ELSE 0 END AS attndims,
         hd_type_mod(data_type, numeric_precision, numeric_scale) AS atttypmod,
         NOT is_nullable AS attnotnull, column_default IS NOT NULL AS atthasdef, false AS atthasmissing,
         '' AS attidentity, '' AS attgenerated, false AS attisdropped, true AS attislocal, 0 AS attinhcount,
         CASE WHEN hd_type_oid(data_type) IN (25, 1043) THEN 100 ELSE 0 END::BIGINT AS attcollation,
         NULL::VARCHAR[] AS attacl, NULL::VARCHAR[] AS attoptions
  FROM duckdb_columns() WHERE database_name IN (current_database(), 'temp') AND NOT internal
;
CREATE OR REPLACE TEMP MACRO hd_pg_attrdef() AS TABLE
  SELECT (table_oid * 1000 + column_index)::BIGINT AS oid, table_oid::BIGINT AS adrelid,
         column_index::SMALLINT AS adnum, column_default AS adbin
  FROM duckdb_columns() WHERE database_name IN (current_database(), 'temp') AND column_default IS NOT NULL
;
CREATE OR REPLACE TEMP MACRO hd_pg_constraint() AS TABLE
  SELECT (k.conrelid * 1000 + k.constraint_index)::BIGINT AS oid,
         CASE k.contype WHEN 'p' THEN k.table_name || '_pkey' ELSE k.conname END AS conname,
         k.connamespace, k.contype, false AS condeferrable, false AS condeferred, true AS convalidated,
         k.conrelid, 0::BIGINT AS contypid,
         CASE WHEN k.contype IN ('p', 'u') THEN k.conrelid * 1000 + 500 + k.constraint_index
              WHEN k.contype = 'f' THEN coalesce((SELECT min(ki.oid) FROM hd_pg_key_indexes() ki
                                                  WHERE ki.indrelid = r.table_oid AND ki.indisprimary), 0)
              ELSE 0 END::BIGINT AS conindid,
         0::BIGINT AS conparentid, coalesce(r.table_oid, 0)::BIGINT AS confrelid, 'a' AS confupdtype,
         'a' AS confdeltype, 's' AS confmatchtype, true AS conislocal, 0 AS coninhcount, false AS connoinherit,
         k.conkey,
         CASE WHEN k.contype = 'f' THEN (
             SELECT list(dc.column_index::SMALLINT ORDER BY list_position(k.referenced_column_names, dc.column_name))
             FROM duckdb_columns() dc
             WHERE dc.table_oid = r.table_oid AND list_contains(k.referenced_column_names, dc.column_name)) END AS confkey,
         k.constraint_text AS conbin
  FROM hd_pg_key_constraints() k
  LEFT JOIN duckdb_tables() r ON k.contype = 'f' AND r.table_name = k.referenced_table
       AND r.schema_name = k.schema_name AND r.database_name IN (current_database(), 'temp')
;
CREATE OR REPLACE TEMP MACRO hd_pg_index() AS TABLE
  SELECT oid AS indexrelid, indrelid, len(indkey)::SMALLINT AS indnatts, len(indkey)::SMALLINT AS indnkeyatts,
         true AS indisunique, indisprimary, false AS indisexclusion, true AS indimmediate,
         false AS indisclustered, true AS indisvalid, false AS indcheckxmin, true AS indisready,
         true AS indislive, false AS indisreplident, indkey, list_transform(indkey, i -> 0) AS indcollation,
         list_transform(indkey, i -> 0) AS indclass, list_transform(indkey, i -> 0::SMALLINT) AS indoption,
         NULL::VARCHAR AS indexprs, NULL::VARCHAR AS indpred
  FROM hd_pg_key_indexes()
  UNION ALL
  SELECT index_oid, table_oid, 1, 1, is_unique, is_primary, false, true, false, true, false, true, true, false,
         [0::SMALLINT], [0], [0], [0::SMALLINT], expressions, NULL
  FROM duckdb_indexes() WHERE database_name IN (current_database(), 'temp')
;
CREATE OR REPLACE TEMP MACRO hd_pg_database() AS TABLE
  SELECT 1::BIGINT AS oid, current_database() AS datname, 10::BIGINT AS datdba, 6 AS encoding, 'c' AS datlocprovider,
         false AS datistemplate, true AS datallowconn, -1 AS datconnlimit, 'C' AS datcollate, 'C' AS datctype,
         NULL::VARCHAR AS daticulocale, NULL::VARCHAR AS datcollversion, NULL::VARCHAR[] AS datacl,
         0::BIGINT AS dattablespace
;
CREATE OR REPLACE TEMP MACRO hd_pg_roles() AS TABLE
  SELECT 10::BIGINT AS oid, 'hatidata' AS rolname, false AS rolsuper, true AS rolinherit, false AS rolcreaterole,
         false AS rolcreatedb, true AS rolcanlogin, false AS rolreplication, -1 AS rolconnlimit,
         '********' AS rolpassword, NULL::TIMESTAMP AS rolvaliduntil, false AS rolbypassrls,
         NULL::VARCHAR[] AS rolconfig
;
CREATE OR REPLACE TEMP MACRO hd_pg_user() AS TABLE
  SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper,
         false AS userepl, false AS usebypassrls, '********' AS passwd, rolvaliduntil AS valuntil,
         rolconfig AS useconfig
  FROM hd_pg_roles()
;
CREATE OR REPLACE TEMP MACRO hd_pg_am() AS TABLE
  SELECT * FROM (VALUES (2::BIGINT, 'heap', 0::BIGINT, 't'), (403::BIGINT, 'btree', 0::BIGINT, 'i'))
      AS t(oid, amname, amhandler, amtype)
;
CREATE OR REPLACE TEMP MACRO hd_pg_tablespace() AS TABLE
  SELECT 1663::BIGINT AS oid, 'pg_default' AS spcname, 10::BIGINT AS spcowner, NULL::VARCHAR[] AS spcacl,
         NULL::VARCHAR[] AS spcoptions
;
CREATE OR REPLACE TEMP MACRO hd_pg_description() AS TABLE
  SELECT table_oid::BIGINT AS objoid, 1259::BIGINT AS classoid, 0 AS objsubid, comment AS description
  FROM duckdb_tables() WHERE database_name IN (current_database(), 'temp') AND comment IS NOT NULL
  UNION ALL
  SELECT view_oid, 1259, 0, comment
  FROM duckdb_views() WHERE database_name IN (current_database(), 'temp') AND comment IS NOT NULL AND NOT internal
  UNION ALL
  SELECT table_oid, 1259, column_index, comment
  FROM duckdb_columns() WHERE database_name IN (current_database(), 'temp') AND comment IS NOT NULL
;
CREATE OR REPLACE TEMP MACRO hd_pg_collation() AS TABLE
  SELECT 100::BIGINT AS oid, 'default' AS collname, 11::BIGINT AS collnamespace, 10::BIGINT AS collowner,
         'd' AS collprovider, true AS collisdeterministic, -1 AS collencoding, NULL::VARCHAR AS collcollate,
         NULL::VARCHAR AS collctype
;
CREATE OR REPLACE TEMP MACRO hd_pg_settings() AS TABLE
  -- PostgreSQL's own settings as a session on this server starts with them (the wire bundle's session
  -- parameters), then DuckDB's settings under their own names; PostgreSQL 15's columns
  SELECT name, setting, unit, category, short_desc, NULL::VARCHAR AS extra_desc, context, vartype,
         'default' AS source, NULL::VARCHAR AS min_val, NULL::VARCHAR AS max_val, NULL::VARCHAR[] AS enumvals,
         setting AS boot_val, setting AS reset_val, NULL::VARCHAR AS sourcefile, NULL::INTEGER AS sourceline,
         false AS pending_restart
  FROM (
    SELECT * FROM (VALUES
      ('server_version', '15.0', NULL, 'Preset Options', 'Shows the server version.', 'internal', 'string'),
      ('server_version_num', '150000', NULL, 'Preset Options', 'Shows the server version as an integer.', 'internal', 'integer'),
      ('server_encoding', 'UTF8', NULL, 'Preset Options', 'Shows the server (database) character set encoding.', 'internal', 'string'),
      ('client_encoding', 'UTF8', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the client''s character set encoding.', 'user', 'string'),
      ('standard_conforming_strings', 'on', NULL, 'Version and Platform Compatibility / Previous PostgreSQL Versions', 'Causes ''...'' strings to treat backslashes literally.', 'user', 'bool'),
      ('default_transaction_isolation', 'repeatable read', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the transaction isolation level of each new transaction.', 'user', 'enum'),
      ('transaction_isolation', 'repeatable read', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the current transaction''s isolation level.', 'user', 'enum'),
      ('default_transaction_read_only', 'off', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the default read-only status of new transactions.', 'user', 'bool'),
      ('DateStyle', 'ISO, MDY', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the display format for date and time values.', 'user', 'string'),
      ('IntervalStyle', 'postgres', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the display format for interval values.', 'user', 'enum'),
      ('TimeZone', 'UTC', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the time zone for displaying and interpreting time stamps.', 'user', 'string'),
      ('integer_datetimes', 'on', NULL, 'Preset Options', 'Shows whether datetimes are integer based.', 'internal', 'bool'),
      ('lc_collate', 'C', NULL, 'Preset Options', 'Shows the collation order locale.', 'internal', 'string'),
      ('lc_ctype', 'C', NULL, 'Preset Options', 'Shows the character classification and case conversion locale.', 'internal', 'string'),
      ('max_identifier_length', '63', NULL, 'Preset Options', 'Shows the maximum identifier length.', 'internal', 'integer'),
      ('max_index_keys', '32', NULL, 'Preset Options', 'Shows the maximum number of index keys.', 'internal', 'integer'),
      ('block_size', '8192', NULL, 'Preset Options', 'Shows the size of a disk block.', 'internal', 'integer'),
      ('is_superuser', 'off', NULL, 'Preset Options', 'Shows whether the current user is a superuser.', 'internal', 'bool'),
      ('bytea_output', 'hex', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the output format for bytea.', 'user', 'enum'),
      ('extra_float_digits', '1', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the number of digits displayed for floating-point values.', 'user', 'integer'),
      ('statement_timeout', '0', 'ms', 'Client Connection Defaults / Statement Behavior', 'Sets the maximum allowed duration of any statement.', 'user', 'integer'),
      ('max_connections', '100', NULL, 'Connections and Authentication / Connection Settings', 'Sets the maximum number of concurrent connections.', 'postmaster', 'integer')
    ) AS p(name, setting, unit, category, short_desc, context, vartype)
    UNION ALL
    SELECT 'search_path', coalesce(nullif(current_setting('search_path'), ''), 'main'), NULL,
           'Client Connection Defaults / Statement Behavior', 'Sets the schema search order for names that are not schema-qualified.',
           'user', 'string'
    UNION ALL
    SELECT d.name, d.value, NULL, 'DuckDB', d.description, 'user',
           CASE WHEN d.input_type = 'BOOLEAN' THEN 'bool' WHEN d.input_type IN ('BIGINT', 'UBIGINT', 'INTEGER') THEN 'integer'
                WHEN d.input_type = 'DOUBLE' THEN 'real' ELSE 'string' END
    FROM duckdb_settings() d
    WHERE lower(d.name) NOT IN ('search_path', 'timezone')
  )
;
CREATE OR REPLACE TEMP MACRO hd_pg_empty_oid_table() AS TABLE
  SELECT 0::BIGINT AS oid WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_inherits() AS TABLE
  SELECT 0::BIGINT AS inhrelid, 0::BIGINT AS inhparent, 0 AS inhseqno, false AS inhdetachpending WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_policy() AS TABLE
  SELECT 0::BIGINT AS oid, '' AS polname, 0::BIGINT AS polrelid, 'r' AS polcmd, true AS polpermissive,
         [0::BIGINT] AS polroles, NULL::VARCHAR AS polqual, NULL::VARCHAR AS polwithcheck WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_publication() AS TABLE
  SELECT 0::BIGINT AS oid, '' AS pubname, false AS puballtables WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_publication_namespace() AS TABLE
  SELECT 0::BIGINT AS oid, 0::BIGINT AS pnpubid, 0::BIGINT AS pnnspid WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_publication_rel() AS TABLE
  SELECT 0::BIGINT AS oid, 0::BIGINT AS prpubid, 0::BIGINT AS prrelid, NULL::VARCHAR AS prqual,
         NULL::SMALLINT[] AS prattrs WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_statistic_ext() AS TABLE
  SELECT 0::BIGINT AS oid, 0::BIGINT AS stxrelid, '' AS stxname, 0::BIGINT AS stxnamespace,
         -1 AS stxstattarget, ['d'] AS stxkind WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_auth_members() AS TABLE
  SELECT 0::BIGINT AS roleid, 0::BIGINT AS member, 0::BIGINT AS grantor, false AS admin_option WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_trigger() AS TABLE
  SELECT 0::BIGINT AS oid, 0::BIGINT AS tgrelid, 0::BIGINT AS tgparentid, '' AS tgname, 0::BIGINT AS tgfoid,
         0::SMALLINT AS tgtype, 'O' AS tgenabled, false AS tgisinternal, 0::BIGINT AS tgconstrrelid,
         0::BIGINT AS tgconstrindid, 0::BIGINT AS tgconstraint, false AS tgdeferrable, false AS tginitdeferred,
         0::SMALLINT AS tgnargs, []::SMALLINT[] AS tgattr, NULL::BLOB AS tgargs, NULL::VARCHAR AS tgqual,
         NULL::VARCHAR AS tgoldtable, NULL::VARCHAR AS tgnewtable WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_rewrite() AS TABLE
  SELECT 0::BIGINT AS oid, '' AS rulename, 0::BIGINT AS ev_class WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_extension() AS TABLE
  SELECT 0::BIGINT AS oid, '' AS extname, 10::BIGINT AS extowner, 11::BIGINT AS extnamespace,
         false AS extrelocatable, '' AS extversion, NULL::BIGINT[] AS extconfig, NULL::VARCHAR[] AS extcondition
  WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_available_extensions() AS TABLE
  SELECT '' AS name, NULL::VARCHAR AS default_version, NULL::VARCHAR AS installed_version, NULL::VARCHAR AS comment
  WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_shdescription() AS TABLE
  SELECT 0::BIGINT AS objoid, 0::BIGINT AS classoid, '' AS description WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_conversion() AS TABLE
  SELECT 12000::BIGINT AS oid, 'utf8_to_utf8' AS conname, 11::BIGINT AS connamespace, 10::BIGINT AS conowner,
         6 AS conforencoding, 6 AS contoencoding, 'utf8_to_utf8' AS conproc, true AS condefault
;
CREATE OR REPLACE TEMP MACRO hd_pg_language() AS TABLE
  SELECT * FROM (VALUES (12::BIGINT, 'internal', 10::BIGINT, false, false, 0::BIGINT, 0::BIGINT, 0::BIGINT, NULL::VARCHAR[]),
                        (13::BIGINT, 'c', 10::BIGINT, false, false, 0::BIGINT, 0::BIGINT, 0::BIGINT, NULL::VARCHAR[]),
                        (14::BIGINT, 'sql', 10::BIGINT, false, true, 0::BIGINT, 0::BIGINT, 0::BIGINT, NULL::VARCHAR[]))
      AS l(oid, lanname, lanowner, lanispl, lanpltrusted, lanplcallfoid, laninline, lanvalidator, lanacl)
;
CREATE OR REPLACE TEMP MACRO hd_pg_event_trigger() AS TABLE
  SELECT 0::BIGINT AS oid, '' AS evtname, '' AS evtevent, 10::BIGINT AS evtowner, 0::BIGINT AS evtfoid,
         'O' AS evtenabled, NULL::VARCHAR[] AS evttags WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_foreign_data_wrapper() AS TABLE
  SELECT 0::BIGINT AS oid, '' AS fdwname, 10::BIGINT AS fdwowner, 0::BIGINT AS fdwhandler, 0::BIGINT AS fdwvalidator,
         NULL::VARCHAR[] AS fdwacl, NULL::VARCHAR[] AS fdwoptions WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_foreign_server() AS TABLE
  SELECT 0::BIGINT AS oid, '' AS srvname, 10::BIGINT AS srvowner, 0::BIGINT AS srvfdw, NULL::VARCHAR AS srvtype,
         NULL::VARCHAR AS srvversion, NULL::VARCHAR[] AS srvacl, NULL::VARCHAR[] AS srvoptions WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_get_keywords() AS TABLE
  SELECT keyword_name AS word,
         CASE keyword_category WHEN 'reserved' THEN 'R' WHEN 'type_function' THEN 'T' WHEN 'column_name' THEN 'C'
              ELSE 'U' END AS catcode,
         keyword_category <> 'reserved' AS barelabel,
         CASE keyword_category WHEN 'reserved' THEN 'reserved' WHEN 'type_function' THEN 'reserved (can be function or type name)'
              WHEN 'column_name' THEN 'unreserved (cannot be function or type name)' ELSE 'unreserved' END AS catdesc,
         CASE WHEN keyword_category <> 'reserved' THEN 'can be bare label' ELSE 'requires AS' END AS baredesc
  FROM duckdb_keywords()
;
CREATE OR REPLACE TEMP MACRO hd_pg_enum() AS TABLE
  SELECT 0::BIGINT AS oid, 0::BIGINT AS enumtypid, 0.0::FLOAT AS enumsortorder, '' AS enumlabel WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_range() AS TABLE
  SELECT 0::BIGINT AS rngtypid, 0::BIGINT AS rngsubtype WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_foreign_table() AS TABLE
  SELECT 0::BIGINT AS ftrelid, 0::BIGINT AS ftserver WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_partitioned_table() AS TABLE
  SELECT 0::BIGINT AS partrelid, 'r' AS partstrat WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_depend() AS TABLE
  SELECT 0::BIGINT AS classid, 0::BIGINT AS objid, 0 AS objsubid, 0::BIGINT AS refclassid,
         0::BIGINT AS refobjid, 0 AS refobjsubid, 'n' AS deptype WHERE false
;
CREATE OR REPLACE TEMP MACRO hd_pg_expandarray(p_arr) AS
  unnest(list_transform(range(1, len(p_arr) + 1), i -> {'x': p_arr[i], 'n': i}))
;
CREATE OR REPLACE TEMP MACRO hd_pg_get_userbyid(p_role_oid) AS 'hatidata'
;
CREATE OR REPLACE TEMP MACRO hd_pg_encoding_to_char(p_encoding) AS 'UTF8'
;
CREATE OR REPLACE TEMP MACRO hd_pg_get_expr(p_expression, p_relation) AS p_expression,
  (p_expression, p_relation, p_pretty) AS p_expression
;
CREATE OR REPLACE TEMP MACRO hd_pg_get_constraintdef(p_constraint_oid) AS
  (SELECT conbin FROM hd_pg_constraint() WHERE oid = p_constraint_oid),
  (p_constraint_oid, p_pretty) AS (SELECT conbin FROM hd_pg_constraint() WHERE oid = p_constraint_oid)
;
CREATE OR REPLACE TEMP MACRO hd_index_columns(p_index_oid) AS
  (SELECT string_agg(a.attname, ', ' ORDER BY list_position(i.indkey, a.attnum))
   FROM hd_pg_key_indexes() i JOIN hd_pg_attribute() a ON a.attrelid = i.indrelid AND list_contains(i.indkey, a.attnum)
   WHERE i.oid = p_index_oid)
;
CREATE OR REPLACE TEMP MACRO hd_pg_get_indexdef(p_index_oid) AS
  (SELECT 'CREATE UNIQUE INDEX ' || i.relname || ' ON ' || c.relname || ' USING btree ('
          || hd_index_columns(p_index_oid) || ')'
   FROM hd_pg_key_indexes() i JOIN hd_pg_relations() c ON c.oid = i.indrelid WHERE i.oid = p_index_oid),
  (p_index_oid, p_column_no, p_pretty) AS
  (SELECT CASE WHEN p_column_no = 0
               THEN 'CREATE UNIQUE INDEX ' || i.relname || ' ON ' || c.relname || ' USING btree ('
                    || hd_index_columns(p_index_oid) || ')'
               ELSE (SELECT attname FROM hd_pg_attribute() a WHERE a.attrelid = i.indrelid
                     AND a.attnum = i.indkey[p_column_no]) END
   FROM hd_pg_key_indexes() i JOIN hd_pg_relations() c ON c.oid = i.indrelid WHERE i.oid = p_index_oid)
;
CREATE OR REPLACE TEMP MACRO hd_format_type_name(p_type_oid) AS
  CASE p_type_oid WHEN 16 THEN 'boolean' WHEN 21 THEN 'smallint' WHEN 23 THEN 'integer' WHEN 20 THEN 'bigint'
    WHEN 700 THEN 'real' WHEN 701 THEN 'double precision' WHEN 1043 THEN 'character varying'
    WHEN 1114 THEN 'timestamp without time zone' WHEN 1184 THEN 'timestamp with time zone'
    ELSE (SELECT typname FROM hd_pg_type() WHERE oid = p_type_oid) END
;
CREATE OR REPLACE TEMP MACRO hd_format_type(p_type_oid, p_type_mod) AS
  CASE
    WHEN p_type_oid IS NULL THEN NULL
    WHEN p_type_oid = 1700 AND p_type_mod > 4 THEN
      'numeric(' || ((p_type_mod - 4) // 65536) || ',' || ((p_type_mod - 4) % 65536) || ')'
    WHEN p_type_oid = 1043 THEN 'character varying'
    WHEN p_type_oid = 1114 THEN 'timestamp without time zone'
    WHEN p_type_oid = 1184 THEN 'timestamp with time zone'
    WHEN p_type_oid = 1083 THEN 'time without time zone'
    WHEN p_type_oid = 16 THEN 'boolean'
    WHEN p_type_oid = 21 THEN 'smallint'
    WHEN p_type_oid = 23 THEN 'integer'
    WHEN p_type_oid = 20 THEN 'bigint'
    WHEN p_type_oid = 700 THEN 'real'
    WHEN p_type_oid = 701 THEN 'double precision'
    ELSE coalesce((SELECT CASE WHEN typelem <> 0
                          THEN hd_format_type_name(typelem) || '[]' ELSE typname END
                   FROM hd_pg_type() WHERE oid = p_type_oid), '???')
  END
;
CREATE OR REPLACE TEMP MACRO hd_regclass(p_relation_name) AS
  coalesce((SELECT oid FROM hd_pg_relations() WHERE relname = hd_ident_last(p_relation_name) LIMIT 1),
           CASE hd_ident_last(p_relation_name) WHEN 'pg_class' THEN 1259 WHEN 'pg_type' THEN 1247
             WHEN 'pg_namespace' THEN 2615 WHEN 'pg_attribute' THEN 1249 WHEN 'pg_constraint' THEN 2606
             WHEN 'pg_proc' THEN 1255 ELSE 0 END)
;
CREATE OR REPLACE TEMP MACRO hd_obj_description(p_object_oid) AS
  (SELECT description FROM hd_pg_description() WHERE objoid = p_object_oid AND objsubid = 0 LIMIT 1),
  (p_object_oid, p_catalog_name) AS
  (SELECT description FROM hd_pg_description() WHERE objoid = p_object_oid AND objsubid = 0 LIMIT 1)
;
CREATE OR REPLACE TEMP MACRO hd_col_description(p_table_oid, p_column_no) AS
  (SELECT description FROM hd_pg_description() WHERE objoid = p_table_oid AND objsubid = p_column_no LIMIT 1)
;
CREATE OR REPLACE TEMP MACRO hd_shobj_description(p_object_oid, p_catalog_name) AS NULL::VARCHAR
;
CREATE OR REPLACE TEMP MACRO hd_pg_relation_is_publishable(p_relation) AS false
;
CREATE OR REPLACE TEMP MACRO hd_pg_get_statisticsobjdef_columns(p_statistics_oid) AS NULL::VARCHAR
;
CREATE OR REPLACE TEMP MACRO hd_pg_table_is_visible(p_relation) AS true
;
CREATE OR REPLACE TEMP MACRO hd_pg_type_is_visible(p_type_oid) AS true
;
CREATE OR REPLACE TEMP MACRO hd_array_upper(p_arr, p_dimension) AS CASE WHEN len(p_arr) = 0 THEN NULL ELSE len(p_arr) END
;
CREATE OR REPLACE TEMP MACRO hd_array_lower(p_arr, p_dimension) AS CASE WHEN len(p_arr) = 0 THEN NULL ELSE 1 END
;
CREATE OR REPLACE TEMP MACRO hd_has_table_privilege(p_a, p_b) AS true, (p_a, p_b, p_c) AS true
;
CREATE OR REPLACE TEMP MACRO hd_has_schema_privilege(p_a, p_b) AS true, (p_a, p_b, p_c) AS true
;
CREATE OR REPLACE TEMP MACRO hd_has_database_privilege(p_a, p_b) AS true, (p_a, p_b, p_c) AS true
;
CREATE OR REPLACE TEMP MACRO hd_pg_has_role(p_a, p_b) AS true, (p_a, p_b, p_c) AS true
;
CREATE OR REPLACE TEMP MACRO hd_pg_is_in_recovery() AS false
;
CREATE OR REPLACE TEMP MACRO hd_pg_total_relation_size(p_relation) AS 0::BIGINT
;
CREATE OR REPLACE TEMP MACRO hd_pg_relation_size(p_relation) AS 0::BIGINT
;
CREATE OR REPLACE TEMP MACRO hd_pg_tablespace_location(p_tablespace) AS ''
;
CREATE OR REPLACE TEMP MACRO hd_pg_database_size(p_database) AS
  coalesce((SELECT used_blocks * block_size FROM pragma_database_size() WHERE database_name = current_database()), 0)::BIGINT
;
CREATE OR REPLACE TEMP MACRO hd_pg_stat_get_numscans(p_relation) AS 0::BIGINT
;
CREATE OR REPLACE TEMP MACRO hd_pg_get_partkeydef(p_relation) AS NULL::VARCHAR
;
