-- KPI rollups of service cases and the working-day calendar. Written by hand: these tables are
-- not models in schema.prisma (Prisma treats them as external tables, see
-- prisma/tools/external-tables.ts); the server reads them with raw SQL only.
--
-- The rollups are kept exact by statement-level triggers on "ServiceCase": every INSERT,
-- UPDATE and DELETE adds its rows' counts (UPDATE: minus the old row, plus the new one) in the
-- same transaction, grouped from the statement's transition tables, so a bulk insert of a
-- million cases costs three grouped upserts, and an update that moves no key (a status
-- change) nets to nothing and touches no rollup row. Days are Asia/Shanghai calendar days.

-- Cases per day by area: the case's township, or its own region for a case without one
-- (county-level cases). Bank-branch (政银合作) and cross-province (跨省通办) cases are headline
-- figures of their own. The big screen's figures and the township rankings read only this
-- table and the monthly one: a year is a few hundred rows at any case volume.
CREATE TABLE "KpiAreaDay" (
    "day" DATE NOT NULL,
    "areaId" INTEGER NOT NULL,
    "townshipCase" BOOLEAN NOT NULL,
    "cases" INTEGER NOT NULL,
    "oneNetworkCases" INTEGER NOT NULL,
    "bankBranchCases" INTEGER NOT NULL,
    "crossProvinceCases" INTEGER NOT NULL,
    CONSTRAINT "KpiAreaDay_pkey" PRIMARY KEY ("day", "areaId", "townshipCase")
);

-- The same per month ("month" is the first day of the month).
CREATE TABLE "KpiAreaMonth" (
    "month" DATE NOT NULL,
    "areaId" INTEGER NOT NULL,
    "townshipCase" BOOLEAN NOT NULL,
    "cases" INTEGER NOT NULL,
    "oneNetworkCases" INTEGER NOT NULL,
    "bankBranchCases" INTEGER NOT NULL,
    "crossProvinceCases" INTEGER NOT NULL,
    CONSTRAINT "KpiAreaMonth_pkey" PRIMARY KEY ("month", "areaId", "townshipCase")
);

-- Cases per day by area and channel: figures by channel.
CREATE TABLE "KpiCaseDay" (
    "day" DATE NOT NULL,
    "areaId" INTEGER NOT NULL,
    "townshipCase" BOOLEAN NOT NULL,
    "channel" "Channel" NOT NULL,
    "cases" INTEGER NOT NULL,
    "oneNetworkCases" INTEGER NOT NULL,
    CONSTRAINT "KpiCaseDay_pkey" PRIMARY KEY ("day", "areaId", "townshipCase", "channel")
);

-- The same per month ("month" is the first day of the month).
CREATE TABLE "KpiCaseMonth" (
    "month" DATE NOT NULL,
    "areaId" INTEGER NOT NULL,
    "townshipCase" BOOLEAN NOT NULL,
    "channel" "Channel" NOT NULL,
    "cases" INTEGER NOT NULL,
    "oneNetworkCases" INTEGER NOT NULL,
    CONSTRAINT "KpiCaseMonth_pkey" PRIMARY KEY ("month", "areaId", "townshipCase", "channel")
);

-- Cases per month by the case's own region (villages included), channel and item: figures by
-- department, item or village.
CREATE TABLE "KpiCaseItemMonth" (
    "month" DATE NOT NULL,
    "regionId" INTEGER NOT NULL,
    "townshipCase" BOOLEAN NOT NULL,
    "channel" "Channel" NOT NULL,
    "itemId" INTEGER NOT NULL,
    "cases" INTEGER NOT NULL,
    "oneNetworkCases" INTEGER NOT NULL,
    CONSTRAINT "KpiCaseItemMonth_pkey" PRIMARY KEY ("month", "regionId", "townshipCase", "channel", "itemId")
);

CREATE INDEX "KpiCaseItemMonth_itemId_month_idx" ON "KpiCaseItemMonth"("itemId", "month");

-- China's working-day calendar (statutory holidays and make-up working days), filled by the
-- server from the chinese-days package (server/src/kpi/calendar.ts). "workdayNumber" counts the
-- working days from the calendar's first day up to and including this one, so the working days
-- after day a up to day b are b."workdayNumber" - a."workdayNumber".
CREATE TABLE "WorkCalendar" (
    "day" DATE NOT NULL,
    "workday" BOOLEAN NOT NULL,
    -- The festival of a statutory holiday or of a make-up working day (调休), e.g. 国庆节.
    "festival" TEXT,
    "workdayNumber" INTEGER NOT NULL,
    CONSTRAINT "WorkCalendar_pkey" PRIMARY KEY ("day")
);

CREATE FUNCTION "kpi_case_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT "submittedAt", "regionId", "townshipId", channel, "itemId", "oneNetwork", 1 AS sign FROM kpi_new_cases'
    WHEN 'UPDATE' THEN 'SELECT "submittedAt", "regionId", "townshipId", channel, "itemId", "oneNetwork", 1 AS sign FROM kpi_new_cases
                        UNION ALL
                        SELECT "submittedAt", "regionId", "townshipId", channel, "itemId", "oneNetwork", -1 FROM kpi_old_cases'
    ELSE 'SELECT "submittedAt", "regionId", "townshipId", channel, "itemId", "oneNetwork", -1 AS sign FROM kpi_old_cases'
  END;
BEGIN
  -- Only the transition tables of the event exist, hence the statement is put together here.
  -- Keys are upserted in a fixed order, so concurrent writers lock rollup rows in the same order.
  EXECUTE format($sql$
    WITH delta AS (%s),
    keyed AS (
      SELECT ("submittedAt" AT TIME ZONE 'Asia/Shanghai')::date AS "day", "regionId", "townshipId", channel, "itemId",
             sign, CASE WHEN "oneNetwork" THEN sign ELSE 0 END AS "oneNetworkSign",
             CASE WHEN channel = 'BANK_BRANCH' THEN sign ELSE 0 END AS "bankSign",
             CASE WHEN channel = 'CROSS_PROVINCE' THEN sign ELSE 0 END AS "crossSign"
        FROM delta
    ),
    area_day_rows AS (
      INSERT INTO "KpiAreaDay" AS r ("day", "areaId", "townshipCase", "cases", "oneNetworkCases", "bankBranchCases", "crossProvinceCases")
      SELECT "day", coalesce("townshipId", "regionId"), "townshipId" IS NOT NULL,
             sum(sign), sum("oneNetworkSign"), sum("bankSign"), sum("crossSign")
        FROM keyed GROUP BY 1, 2, 3
      HAVING sum(sign) <> 0 OR sum("oneNetworkSign") <> 0 OR sum("bankSign") <> 0 OR sum("crossSign") <> 0
       ORDER BY 1, 2, 3
      ON CONFLICT ("day", "areaId", "townshipCase") DO UPDATE
        SET "cases" = r."cases" + excluded."cases", "oneNetworkCases" = r."oneNetworkCases" + excluded."oneNetworkCases",
            "bankBranchCases" = r."bankBranchCases" + excluded."bankBranchCases",
            "crossProvinceCases" = r."crossProvinceCases" + excluded."crossProvinceCases"
    ),
    area_month_rows AS (
      INSERT INTO "KpiAreaMonth" AS r ("month", "areaId", "townshipCase", "cases", "oneNetworkCases", "bankBranchCases", "crossProvinceCases")
      SELECT date_trunc('month', "day")::date, coalesce("townshipId", "regionId"), "townshipId" IS NOT NULL,
             sum(sign), sum("oneNetworkSign"), sum("bankSign"), sum("crossSign")
        FROM keyed GROUP BY 1, 2, 3
      HAVING sum(sign) <> 0 OR sum("oneNetworkSign") <> 0 OR sum("bankSign") <> 0 OR sum("crossSign") <> 0
       ORDER BY 1, 2, 3
      ON CONFLICT ("month", "areaId", "townshipCase") DO UPDATE
        SET "cases" = r."cases" + excluded."cases", "oneNetworkCases" = r."oneNetworkCases" + excluded."oneNetworkCases",
            "bankBranchCases" = r."bankBranchCases" + excluded."bankBranchCases",
            "crossProvinceCases" = r."crossProvinceCases" + excluded."crossProvinceCases"
    ),
    day_rows AS (
      INSERT INTO "KpiCaseDay" AS r ("day", "areaId", "townshipCase", "channel", "cases", "oneNetworkCases")
      SELECT "day", coalesce("townshipId", "regionId"), "townshipId" IS NOT NULL, channel, sum(sign), sum("oneNetworkSign")
        FROM keyed GROUP BY 1, 2, 3, 4
      HAVING sum(sign) <> 0 OR sum("oneNetworkSign") <> 0
       ORDER BY 1, 2, 3, 4
      ON CONFLICT ("day", "areaId", "townshipCase", "channel") DO UPDATE
        SET "cases" = r."cases" + excluded."cases", "oneNetworkCases" = r."oneNetworkCases" + excluded."oneNetworkCases"
    ),
    month_rows AS (
      INSERT INTO "KpiCaseMonth" AS r ("month", "areaId", "townshipCase", "channel", "cases", "oneNetworkCases")
      SELECT date_trunc('month', "day")::date, coalesce("townshipId", "regionId"), "townshipId" IS NOT NULL, channel,
             sum(sign), sum("oneNetworkSign")
        FROM keyed GROUP BY 1, 2, 3, 4
      HAVING sum(sign) <> 0 OR sum("oneNetworkSign") <> 0
       ORDER BY 1, 2, 3, 4
      ON CONFLICT ("month", "areaId", "townshipCase", "channel") DO UPDATE
        SET "cases" = r."cases" + excluded."cases", "oneNetworkCases" = r."oneNetworkCases" + excluded."oneNetworkCases"
    )
    INSERT INTO "KpiCaseItemMonth" AS r ("month", "regionId", "townshipCase", "channel", "itemId", "cases", "oneNetworkCases")
    SELECT date_trunc('month', "day")::date, "regionId", "townshipId" IS NOT NULL, channel, "itemId", sum(sign), sum("oneNetworkSign")
      FROM keyed GROUP BY 1, 2, 3, 4, 5
    HAVING sum(sign) <> 0 OR sum("oneNetworkSign") <> 0
     ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("month", "regionId", "townshipCase", "channel", "itemId") DO UPDATE
      SET "cases" = r."cases" + excluded."cases", "oneNetworkCases" = r."oneNetworkCases" + excluded."oneNetworkCases"
  $sql$, delta);
  RETURN NULL;
END
$$;

CREATE FUNCTION "kpi_case_rollup_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "KpiAreaDay", "KpiAreaMonth", "KpiCaseDay", "KpiCaseMonth", "KpiCaseItemMonth";
  RETURN NULL;
END
$$;

CREATE TRIGGER "ServiceCase_kpi_insert" AFTER INSERT ON "ServiceCase"
  REFERENCING NEW TABLE AS kpi_new_cases FOR EACH STATEMENT EXECUTE FUNCTION "kpi_case_rollup"();
CREATE TRIGGER "ServiceCase_kpi_update" AFTER UPDATE ON "ServiceCase"
  REFERENCING OLD TABLE AS kpi_old_cases NEW TABLE AS kpi_new_cases FOR EACH STATEMENT EXECUTE FUNCTION "kpi_case_rollup"();
CREATE TRIGGER "ServiceCase_kpi_delete" AFTER DELETE ON "ServiceCase"
  REFERENCING OLD TABLE AS kpi_old_cases FOR EACH STATEMENT EXECUTE FUNCTION "kpi_case_rollup"();
CREATE TRIGGER "ServiceCase_kpi_truncate" AFTER TRUNCATE ON "ServiceCase"
  FOR EACH STATEMENT EXECUTE FUNCTION "kpi_case_rollup_truncate"();

-- The cases already there.
INSERT INTO "KpiCaseDay" ("day", "areaId", "townshipCase", "channel", "cases", "oneNetworkCases")
  SELECT ("submittedAt" AT TIME ZONE 'Asia/Shanghai')::date, coalesce("townshipId", "regionId"), "townshipId" IS NOT NULL,
         channel, count(*), count(*) FILTER (WHERE "oneNetwork")
    FROM "ServiceCase" GROUP BY 1, 2, 3, 4;
INSERT INTO "KpiCaseMonth" ("month", "areaId", "townshipCase", "channel", "cases", "oneNetworkCases")
  SELECT date_trunc('month', "day")::date, "areaId", "townshipCase", channel, sum("cases"), sum("oneNetworkCases")
    FROM "KpiCaseDay" GROUP BY 1, 2, 3, 4;
INSERT INTO "KpiAreaDay" ("day", "areaId", "townshipCase", "cases", "oneNetworkCases", "bankBranchCases", "crossProvinceCases")
  SELECT "day", "areaId", "townshipCase", sum("cases"), sum("oneNetworkCases"),
         coalesce(sum("cases") FILTER (WHERE channel = 'BANK_BRANCH'), 0), coalesce(sum("cases") FILTER (WHERE channel = 'CROSS_PROVINCE'), 0)
    FROM "KpiCaseDay" GROUP BY 1, 2, 3;
INSERT INTO "KpiAreaMonth" ("month", "areaId", "townshipCase", "cases", "oneNetworkCases", "bankBranchCases", "crossProvinceCases")
  SELECT date_trunc('month', "day")::date, "areaId", "townshipCase", sum("cases"), sum("oneNetworkCases"),
         sum("bankBranchCases"), sum("crossProvinceCases")
    FROM "KpiAreaDay" GROUP BY 1, 2, 3;
INSERT INTO "KpiCaseItemMonth" ("month", "regionId", "townshipCase", "channel", "itemId", "cases", "oneNetworkCases")
  SELECT date_trunc('month', "submittedAt" AT TIME ZONE 'Asia/Shanghai')::date, "regionId", "townshipId" IS NOT NULL,
         channel, "itemId", count(*), count(*) FILTER (WHERE "oneNetwork")
    FROM "ServiceCase" GROUP BY 1, 2, 3, 4, 5;

-- Every committed write to a table the KPIs read adds to the sum of "weight" (one per
-- statement), so the server can keep a computed figure and hand it out again for as long as the
-- sum has not moved: the sum is read in the same statement (the same snapshot) as the figure,
-- and checked before a kept figure is used. Rows are only inserted (no row is contended); now and
-- then a writer folds the older rows into one of the same total weight.
CREATE TABLE "KpiChange" (
    "id" BIGSERIAL NOT NULL,
    "weight" BIGINT NOT NULL DEFAULT 1,
    CONSTRAINT "KpiChange_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION "kpi_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added bigint;
BEGIN
  INSERT INTO "KpiChange" DEFAULT VALUES RETURNING id INTO added;
  -- One folder at a time ("kpif"); the deleted rows' weight goes into the one inserted.
  IF added % 256 = 0 AND pg_try_advisory_xact_lock(1802530918) THEN
    WITH folded AS (DELETE FROM "KpiChange" WHERE id < added RETURNING weight)
    INSERT INTO "KpiChange" ("weight") SELECT sum(weight) FROM folded HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  tracked text;
BEGIN
  FOREACH tracked IN ARRAY ARRAY[
    'AssignmentSlip', 'BlacklistEntry', 'CreditRepair', 'CreditSubject', 'Department', 'Disbursement',
    'Enterprise', 'Indicator', 'IndicatorTarget', 'IndicatorValue', 'InvestmentProject', 'PartnerRegion',
    'PartnerRegionItem', 'Policy', 'Problem', 'ProjectProgress', 'PublicityRecord', 'RedListMonth', 'Region',
    'ServiceCase', 'ServiceHall', 'ServiceItem', 'ServicePoint', 'ServicePointItem', 'Staff', 'Window',
    'WorkCalendar', 'WorkPoint'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "kpi_touch"()',
      tracked || '_kpi_touch', tracked);
  END LOOP;
END
$$;
