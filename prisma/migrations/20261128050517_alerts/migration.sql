-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('INDICATOR', 'SLIP', 'PUBLICITY');

-- CreateEnum
CREATE TYPE "AlertLevel" AS ENUM ('BLUE', 'YELLOW', 'AMBER', 'RED');

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "level" "AlertLevel" NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "regionId" INTEGER,
    "departmentId" INTEGER,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedBy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_key_key" ON "Alert"("key");

-- CreateIndex
CREATE INDEX "Alert_resolvedAt_raisedAt_idx" ON "Alert"("resolvedAt", "raisedAt");

-- CreateIndex
CREATE INDEX "Alert_regionId_idx" ON "Alert"("regionId");

-- CreateIndex
CREATE INDEX "Alert_departmentId_idx" ON "Alert"("departmentId");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;
