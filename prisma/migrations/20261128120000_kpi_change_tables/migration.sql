-- "KpiChange" rows now name the table whose write added them, so a kept figure is handed out
-- again for as long as the tables it reads have not changed (a case written no longer drops the
-- kept credit and fund figures). Rows from before carry '' and count for every table. The sum
-- over all rows is the same as before: the hub's check for writes it did not hear of is unchanged.
ALTER TABLE "KpiChange" ADD COLUMN "tableName" TEXT NOT NULL DEFAULT '';

CREATE OR REPLACE FUNCTION "kpi_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added bigint;
BEGIN
  INSERT INTO "KpiChange" ("tableName") VALUES (TG_TABLE_NAME) RETURNING id INTO added;
  -- One folder at a time ("kpif"); each table's deleted weight goes into one row of that table.
  IF added % 256 = 0 AND pg_try_advisory_xact_lock(1802530918) THEN
    WITH folded AS (DELETE FROM "KpiChange" WHERE id < added RETURNING "tableName", weight)
    INSERT INTO "KpiChange" ("tableName", "weight") SELECT "tableName", sum(weight) FROM folded GROUP BY 1;
  END IF;
  RETURN NULL;
END
$$;
