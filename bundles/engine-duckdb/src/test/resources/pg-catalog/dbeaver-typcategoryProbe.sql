-- source: DBeaver PostgreUtils.getQueryForSystemColumnChecking via PostgreDatabase.supportsSysTypCategoryColumn
SELECT typcategory FROM pg_catalog.pg_type WHERE 1<>1 LIMIT 1
