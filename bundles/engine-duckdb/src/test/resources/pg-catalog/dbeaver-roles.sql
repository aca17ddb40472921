-- source: DBeaver PostgreDatabase.RoleCache.prepareObjectsStatement (Roles folder, owners)
SELECT a.oid,a.*,pd.description FROM pg_catalog.pg_roles a 
left join pg_catalog.pg_shdescription pd on a.oid = pd.objoid
ORDER BY a.rolname
