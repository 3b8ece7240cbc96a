-- DropIndex
DROP INDEX "ServiceCase_bundleId_idx";

-- DropIndex
DROP INDEX "ServiceCase_enterpriseId_idx";

-- DropIndex
DROP INDEX "ServiceCase_partnerRegionId_idx";

-- DropIndex
DROP INDEX "ServiceCase_servicePointId_idx";

-- CreateIndex
CREATE INDEX "ServiceCase_bundleId_idx" ON "ServiceCase"("bundleId") WHERE ("bundleId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "ServiceCase_servicePointId_idx" ON "ServiceCase"("servicePointId") WHERE ("servicePointId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "ServiceCase_partnerRegionId_idx" ON "ServiceCase"("partnerRegionId") WHERE ("partnerRegionId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "ServiceCase_enterpriseId_idx" ON "ServiceCase"("enterpriseId") WHERE ("enterpriseId" IS NOT NULL);
