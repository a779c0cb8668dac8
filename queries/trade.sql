-- One subject's rows of data/<subject>/trade.csv, in the file's order: made by
-- scripts/stats_database.py. The parameter subject is the subject's folder name.
SELECT year, exports, imports, turnover, qualifier, stated_growth, side, source, confirmed_by
FROM trade
WHERE subject = :subject
ORDER BY position
