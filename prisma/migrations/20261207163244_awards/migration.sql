-- CreateEnum
CREATE TYPE "AwardKind" AS ENUM ('INTEGRITY_STAR', 'COURTEOUS_SERVICE_STAR', 'INTEGRITY_AMBASSADOR');

-- CreateEnum
CREATE TYPE "AwardeeKind" AS ENUM ('ENTERPRISE', 'STAFF', 'WINDOW');

-- CreateTable
CREATE TABLE "Award" (
    "id" SERIAL NOT NULL,
    "kind" "AwardKind" NOT NULL,
    "awardeeKind" "AwardeeKind" NOT NULL,
    "enterpriseId" INTEGER,
    "staffId" INTEGER,
    "windowId" INTEGER,
    "year" INTEGER NOT NULL,
    "issuer" TEXT NOT NULL,
    "awardedOn" DATE NOT NULL,
    "citation" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL DEFAULT 'hub',
    "externalId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Award_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Award_year_kind_idx" ON "Award"("year", "kind");

-- CreateIndex
CREATE INDEX "Award_enterpriseId_idx" ON "Award"("enterpriseId");

-- CreateIndex
CREATE INDEX "Award_staffId_idx" ON "Award"("staffId");

-- CreateIndex
CREATE INDEX "Award_windowId_idx" ON "Award"("windowId");

-- CreateIndex
CREATE UNIQUE INDEX "Award_sourceSystem_externalId_key" ON "Award"("sourceSystem", "externalId");

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "Window"("id") ON DELETE SET NULL ON UPDATE CASCADE;
