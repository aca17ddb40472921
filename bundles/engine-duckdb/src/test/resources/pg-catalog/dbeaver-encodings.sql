-- source: DBeaver PostgreDatabase.EncodingCache.prepareObjectsStatement (database properties)
SELECT c.contoencoding as encid,pg_catalog.pg_encoding_to_char(c.contoencoding) as encname
FROM pg_catalog.pg_conversion c
GROUP BY c.contoencoding
ORDER BY 2

