-- The reporting country's trade, oldest year first.

SELECT year, exports, imports, source
FROM trade
WHERE reporter = :reporter
ORDER BY year
