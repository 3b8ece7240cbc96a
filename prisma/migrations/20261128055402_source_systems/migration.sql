-- Every record kind an integration may push names its source system; the rows already there were
-- entered in the hub. Follow-ups and credit repairs get an id in their source system too, the
-- key their upserts replay on. Existing rows take the key the hub derives when none is given:
-- `<problem code>/<day>` and `<credit code>/<entry source>:<entry id>/<day applied>` ('-' without
-- an entry), a second row with the same key numbered `#2`, `#3`, ….

-- AlterTable
ALTER TABLE "AssignmentSlip" ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'hub';

-- AlterTable
ALTER TABLE "CreditRepair" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'hub';

UPDATE "CreditRepair" r
   SET "externalId" = k.key || CASE WHEN k.n > 1 THEN '#' || k.n ELSE '' END
  FROM (
    SELECT r2.id, s."creditCode" || '/' || COALESCE(b."sourceSystem" || ':' || b."externalId", '-') || '/'
                  || to_char(r2."appliedOn", 'YYYY-MM-DD') AS key,
           row_number() OVER (PARTITION BY r2."subjectId", r2."blacklistEntryId", r2."appliedOn" ORDER BY r2.id) AS n
      FROM "CreditRepair" r2
      JOIN "CreditSubject" s ON s.id = r2."subjectId"
      LEFT JOIN "BlacklistEntry" b ON b.id = r2."blacklistEntryId"
  ) k
 WHERE k.id = r.id;

ALTER TABLE "CreditRepair" ALTER COLUMN "externalId" SET NOT NULL;

-- AlterTable
ALTER TABLE "Enterprise" ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'hub';

-- AlterTable
ALTER TABLE "ProblemFollowUp" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'hub';

UPDATE "ProblemFollowUp" f
   SET "externalId" = k.key || CASE WHEN k.n > 1 THEN '#' || k.n ELSE '' END
  FROM (
    SELECT f2.id, p.code || '/' || to_char(f2."followedOn", 'YYYY-MM-DD') AS key,
           row_number() OVER (PARTITION BY f2."problemId", f2."followedOn" ORDER BY f2.id) AS n
      FROM "ProblemFollowUp" f2
      JOIN "Problem" p ON p.id = f2."problemId"
  ) k
 WHERE k.id = f.id;

ALTER TABLE "ProblemFollowUp" ALTER COLUMN "externalId" SET NOT NULL;

-- AlterTable
ALTER TABLE "ProjectProgress" ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'hub';

-- AlterTable
ALTER TABLE "WorkPoint" ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'hub';

-- CreateIndex
CREATE UNIQUE INDEX "CreditRepair_sourceSystem_externalId_key" ON "CreditRepair"("sourceSystem", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemFollowUp_sourceSystem_externalId_key" ON "ProblemFollowUp"("sourceSystem", "externalId");
