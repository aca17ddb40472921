-- params: env_dev_a
-- source: DBeaver PostgreDatabase.getDescription(monitor) (database properties)
select description from pg_shdescription join pg_database on objoid = pg_database.oid where datname = $1
