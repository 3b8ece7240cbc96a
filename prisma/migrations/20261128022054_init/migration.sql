-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE');

-- CreateEnum
CREATE TYPE "RegionKind" AS ENUM ('CITY', 'COUNTY', 'TOWN', 'TOWNSHIP', 'SUBDISTRICT', 'VILLAGE', 'COMMUNITY');

-- CreateEnum
CREATE TYPE "HallLevel" AS ENUM ('COUNTY', 'TOWNSHIP', 'VILLAGE');

-- CreateEnum
CREATE TYPE "ServicePointKind" AS ENUM ('SERVICE_HALL', 'BANK_BRANCH', 'VILLAGE_STATION', 'SELF_SERVICE_KIOSK');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('WEB', 'MOBILE', 'WINDOW', 'BANK_BRANCH', 'CROSS_PROVINCE', 'SELF_SERVICE', 'VILLAGE_AGENT');

-- CreateEnum
CREATE TYPE "KeyMatter" AS ENUM ('BUSINESS_STARTUP', 'INVESTMENT_APPROVAL', 'TEMPORARY_BUILDING', 'UTILITY_CONNECTION', 'TAX', 'DEREGISTRATION');

-- CreateEnum
CREATE TYPE "ApplicantKind" AS ENUM ('PERSON', 'ENTERPRISE', 'ORGANISATION');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('SUBMITTED', 'ACCEPTED', 'APPROVED', 'COMPLETED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "CitizenRating" AS ENUM ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED');

-- CreateEnum
CREATE TYPE "SuggestionStatus" AS ENUM ('SUBMITTED', 'ADOPTED', 'NOT_ADOPTED');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "ReportingCycle" AS ENUM ('CONTINUOUS', 'DAILY', 'MONTHLY', 'QUARTERLY', 'YEARLY');

-- CreateEnum
CREATE TYPE "IndicatorCategory" AS ENUM ('EVALUATION', 'PASSIVE_MONITORING', 'WORK_TARGET');

-- CreateEnum
CREATE TYPE "PeriodKind" AS ENUM ('DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR');

-- CreateEnum
CREATE TYPE "GridUnitKind" AS ENUM ('LEAD_GROUP', 'UNIT');

-- CreateEnum
CREATE TYPE "EnterpriseScale" AS ENUM ('LARGE', 'MEDIUM', 'SMALL', 'MICRO');

-- CreateEnum
CREATE TYPE "VisitMode" AS ENUM ('ON_SITE', 'ONLINE', 'PHONE');

-- CreateEnum
CREATE TYPE "ModelCaseVenue" AS ENUM ('CITY_COMPILATION', 'CITY_BULLETIN', 'COUNTY_BULLETIN', 'PROVINCE_EXCELLENT');

-- CreateEnum
CREATE TYPE "DisbursementMechanism" AS ENUM ('STANDARD', 'PRE_ALLOCATION', 'FUND_POOL');

-- CreateEnum
CREATE TYPE "ProblemSource" AS ENUM ('CITY_TASK_FORCE', 'COUNTY_POOL', 'GRID_VISIT', 'REVISIT', 'HOTLINE', 'INVESTMENT_PROJECT');

-- CreateEnum
CREATE TYPE "ProblemStatus" AS ENUM ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "SlipStatus" AS ENUM ('ISSUED', 'ACKNOWLEDGED', 'REPLIED', 'VERIFIED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('ADVANCING', 'RE_INVESTMENT', 'AGREEMENT_TERMINATED', 'RESOLVED', 'STALLED');

-- CreateEnum
CREATE TYPE "RepairStatus" AS ENUM ('SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "PublicityKind" AS ENUM ('LICENSE', 'PENALTY');

-- CreateEnum
CREATE TYPE "EmploymentSubjectKind" AS ENUM ('WORKER', 'EMPLOYER');

-- CreateEnum
CREATE TYPE "CreditGrade" AS ENUM ('A', 'B', 'C', 'D');

-- CreateEnum
CREATE TYPE "IntegrityEventKind" AS ENUM ('INTEGRITY_DAY', 'OUTREACH');

-- CreateTable
CREATE TABLE "Region" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "kind" "RegionKind" NOT NULL,
    "parentId" INTEGER,
    "path" TEXT NOT NULL,
    "isHome" BOOLEAN NOT NULL DEFAULT true,
    "population" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "stationed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceHall" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "HallLevel" NOT NULL,
    "regionId" INTEGER NOT NULL,
    "demonstration" BOOLEAN NOT NULL DEFAULT false,
    "openedOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceHall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HallRating" (
    "id" SERIAL NOT NULL,
    "hallId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "stars" INTEGER NOT NULL,
    "onSiteScore" DECIMAL(5,2) NOT NULL,
    "staffScore" DECIMAL(5,2) NOT NULL,
    "serviceModeScore" DECIMAL(5,2) NOT NULL,
    "closedLoopScore" DECIMAL(5,2) NOT NULL,
    "ratedOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HallRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Window" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hallId" INTEGER NOT NULL,
    "departmentId" INTEGER,
    "dedicated" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Window_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "idNumber" TEXT,
    "windowId" INTEGER,
    "departmentId" INTEGER,
    "certified" BOOLEAN NOT NULL DEFAULT false,
    "certifiedOn" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServicePoint" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ServicePointKind" NOT NULL,
    "regionId" INTEGER NOT NULL,
    "hallId" INTEGER,
    "bankName" TEXT,
    "openedOn" DATE NOT NULL,
    "closedOn" DATE,
    "longitude" DECIMAL(9,6),
    "latitude" DECIMAL(9,6),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServicePoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServicePointItem" (
    "servicePointId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "since" DATE NOT NULL,

    CONSTRAINT "ServicePointItem_pkey" PRIMARY KEY ("servicePointId","itemId")
);

-- CreateTable
CREATE TABLE "PartnerRegion" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "bordering" BOOLEAN NOT NULL DEFAULT false,
    "agreedOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PartnerRegion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerRegionItem" (
    "partnerRegionId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "agreedOn" DATE NOT NULL,

    CONSTRAINT "PartnerRegionItem_pkey" PRIMARY KEY ("partnerRegionId","itemId")
);

-- CreateTable
CREATE TABLE "ServiceItem" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "allowedChannels" "Channel"[],
    "allowedLevels" "HallLevel"[],
    "keyMatter" "KeyMatter",
    "legalDays" INTEGER NOT NULL,
    "promisedDays" INTEGER NOT NULL,
    "highFrequency" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bundle" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "launchedOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Bundle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BundleItem" (
    "bundleId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "BundleItem_pkey" PRIMARY KEY ("bundleId","itemId")
);

-- CreateTable
CREATE TABLE "ServiceCase" (
    "id" SERIAL NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "bundleId" INTEGER,
    "regionId" INTEGER NOT NULL,
    "townshipId" INTEGER,
    "servicePointId" INTEGER,
    "partnerRegionId" INTEGER,
    "channel" "Channel" NOT NULL,
    "oneNetwork" BOOLEAN NOT NULL,
    "applicantKind" "ApplicantKind" NOT NULL,
    "applicantName" TEXT,
    "applicantIdNumber" TEXT,
    "applicantPhone" TEXT,
    "enterpriseId" INTEGER,
    "status" "CaseStatus" NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "approvedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "rejectedAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "rating" "CitizenRating",
    "ratedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "departmentId" INTEGER,
    "submittedOn" DATE NOT NULL,
    "status" "SuggestionStatus" NOT NULL,
    "adoptedOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" "IndicatorCategory" NOT NULL,
    "parentId" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,
    "unit" TEXT NOT NULL,
    "direction" "Direction" NOT NULL,
    "target" DECIMAL(14,4),
    "warningBand" DECIMAL(14,4),
    "weight" DECIMAL(8,4) NOT NULL DEFAULT 1,
    "leadDepartmentId" INTEGER,
    "cycle" "ReportingCycle" NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorTarget" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "target" DECIMAL(14,4) NOT NULL,
    "warningBand" DECIMAL(14,4),
    "basis" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IndicatorTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorValue" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "periodKind" "PeriodKind" NOT NULL,
    "periodStart" DATE NOT NULL,
    "value" DECIMAL(14,4) NOT NULL,
    "tier" INTEGER,
    "rank" INTEGER,
    "rankOf" INTEGER,
    "bestInProvince" BOOLEAN NOT NULL DEFAULT false,
    "sourceSystem" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IndicatorValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GridUnit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "GridUnitKind" NOT NULL,
    "departmentId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GridUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GridStaff" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "gridUnitId" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GridStaff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" SERIAL NOT NULL,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "industry" TEXT NOT NULL,
    "scale" "EnterpriseScale" NOT NULL,
    "regionId" INTEGER NOT NULL,
    "registeredOn" DATE NOT NULL,
    "legalRepName" TEXT,
    "legalRepPhone" TEXT,
    "aboveScale" BOOLEAN NOT NULL DEFAULT false,
    "gridUnitId" INTEGER,
    "contactStaffId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactVisit" (
    "id" SERIAL NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "gridStaffId" INTEGER NOT NULL,
    "visitedAt" TIMESTAMPTZ(3) NOT NULL,
    "mode" "VisitMode" NOT NULL,
    "summary" TEXT NOT NULL,
    "problemRaised" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ContactVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlindBoxRevisit" (
    "id" SERIAL NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "gridUnitId" INTEGER NOT NULL,
    "revisitedAt" TIMESTAMPTZ(3) NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "notified" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlindBoxRevisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelCase" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "enterpriseId" INTEGER,
    "year" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ModelCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelCaseSelection" (
    "id" SERIAL NOT NULL,
    "modelCaseId" INTEGER NOT NULL,
    "venue" "ModelCaseVenue" NOT NULL,
    "selectedOn" DATE NOT NULL,

    CONSTRAINT "ModelCaseSelection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "listedOnline" BOOLEAN NOT NULL,
    "paidOnline" BOOLEAN NOT NULL,
    "publishedOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Disbursement" (
    "id" SERIAL NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "policyId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "paidOn" DATE NOT NULL,
    "mechanism" "DisbursementMechanism" NOT NULL,
    "paidOnline" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Disbursement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Problem" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "sourceSystem" TEXT,
    "externalId" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "source" "ProblemSource" NOT NULL,
    "ownerDepartmentId" INTEGER NOT NULL,
    "regionId" INTEGER,
    "enterpriseId" INTEGER,
    "projectId" INTEGER,
    "visitId" INTEGER,
    "reportedOn" DATE NOT NULL,
    "deadline" DATE,
    "status" "ProblemStatus" NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentSlip" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "problemId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "issuedOn" DATE NOT NULL,
    "deadline" DATE NOT NULL,
    "status" "SlipStatus" NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "repliedAt" TIMESTAMPTZ(3),
    "verifiedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "reply" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AssignmentSlip_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemFollowUp" (
    "id" SERIAL NOT NULL,
    "problemId" INTEGER NOT NULL,
    "followedOn" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProblemFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemReview" (
    "id" SERIAL NOT NULL,
    "problemId" INTEGER NOT NULL,
    "reviewedOn" DATE NOT NULL,
    "findings" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProblemReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvestmentProject" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "investor" TEXT NOT NULL,
    "agreedAmountFen" BIGINT,
    "signedOn" DATE NOT NULL,
    "regionId" INTEGER NOT NULL,
    "ownerDepartmentId" INTEGER NOT NULL,
    "historical" BOOLEAN NOT NULL DEFAULT false,
    "status" "ProjectStatus" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InvestmentProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectProgress" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "status" "ProjectStatus" NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectProgress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditSubject" (
    "id" SERIAL NOT NULL,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regionId" INTEGER NOT NULL,
    "enterpriseId" INTEGER,
    "registeredOn" DATE NOT NULL,
    "leftOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CreditSubject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlacklistEntry" (
    "id" SERIAL NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "sourceDepartmentId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "listedOn" DATE NOT NULL,
    "removedOn" DATE,
    "removalReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BlacklistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditRepair" (
    "id" SERIAL NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "blacklistEntryId" INTEGER,
    "appliedOn" DATE NOT NULL,
    "status" "RepairStatus" NOT NULL,
    "decidedOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CreditRepair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicityRecord" (
    "id" SERIAL NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "kind" "PublicityKind" NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "subjectId" INTEGER,
    "decisionNumber" TEXT NOT NULL,
    "decidedOn" DATE NOT NULL,
    "publishedOn" DATE,
    "accurate" BOOLEAN NOT NULL,
    "complete" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PublicityRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmploymentCreditRating" (
    "id" SERIAL NOT NULL,
    "subjectKind" "EmploymentSubjectKind" NOT NULL,
    "subjectName" TEXT NOT NULL,
    "idNumber" TEXT,
    "creditCode" TEXT,
    "grade" "CreditGrade" NOT NULL,
    "score" INTEGER NOT NULL,
    "ratedOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmploymentCreditRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrityEvent" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "IntegrityEventKind" NOT NULL,
    "venue" TEXT,
    "heldOn" DATE NOT NULL,
    "regionId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntegrityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Honor" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "outOf" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Honor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkPoint" (
    "id" SERIAL NOT NULL,
    "month" DATE NOT NULL,
    "windowId" INTEGER,
    "staffId" INTEGER,
    "points" DECIMAL(8,2) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RedListMonth" (
    "id" SERIAL NOT NULL,
    "month" DATE NOT NULL,
    "hallId" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RedListMonth_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HubMeta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HubMeta_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Region_code_key" ON "Region"("code");

-- CreateIndex
CREATE INDEX "Region_parentId_idx" ON "Region"("parentId");

-- CreateIndex
CREATE INDEX "Region_level_idx" ON "Region"("level");

-- CreateIndex
CREATE INDEX "Region_path_idx" ON "Region"("path");

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceHall_code_key" ON "ServiceHall"("code");

-- CreateIndex
CREATE INDEX "ServiceHall_regionId_idx" ON "ServiceHall"("regionId");

-- CreateIndex
CREATE UNIQUE INDEX "HallRating_hallId_year_key" ON "HallRating"("hallId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Window_code_key" ON "Window"("code");

-- CreateIndex
CREATE INDEX "Window_hallId_idx" ON "Window"("hallId");

-- CreateIndex
CREATE INDEX "Window_departmentId_idx" ON "Window"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_code_key" ON "Staff"("code");

-- CreateIndex
CREATE INDEX "Staff_windowId_idx" ON "Staff"("windowId");

-- CreateIndex
CREATE INDEX "Staff_departmentId_idx" ON "Staff"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ServicePoint_code_key" ON "ServicePoint"("code");

-- CreateIndex
CREATE INDEX "ServicePoint_regionId_idx" ON "ServicePoint"("regionId");

-- CreateIndex
CREATE INDEX "ServicePoint_hallId_idx" ON "ServicePoint"("hallId");

-- CreateIndex
CREATE INDEX "ServicePoint_kind_idx" ON "ServicePoint"("kind");

-- CreateIndex
CREATE INDEX "ServicePointItem_itemId_idx" ON "ServicePointItem"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerRegion_code_key" ON "PartnerRegion"("code");

-- CreateIndex
CREATE INDEX "PartnerRegionItem_itemId_idx" ON "PartnerRegionItem"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceItem_code_key" ON "ServiceItem"("code");

-- CreateIndex
CREATE INDEX "ServiceItem_departmentId_idx" ON "ServiceItem"("departmentId");

-- CreateIndex
CREATE INDEX "ServiceItem_keyMatter_idx" ON "ServiceItem"("keyMatter");

-- CreateIndex
CREATE UNIQUE INDEX "Bundle_code_key" ON "Bundle"("code");

-- CreateIndex
CREATE INDEX "BundleItem_itemId_idx" ON "BundleItem"("itemId");

-- CreateIndex
CREATE INDEX "ServiceCase_itemId_idx" ON "ServiceCase"("itemId");

-- CreateIndex
CREATE INDEX "ServiceCase_bundleId_idx" ON "ServiceCase"("bundleId");

-- CreateIndex
CREATE INDEX "ServiceCase_regionId_idx" ON "ServiceCase"("regionId");

-- CreateIndex
CREATE INDEX "ServiceCase_townshipId_submittedAt_idx" ON "ServiceCase"("townshipId", "submittedAt");

-- CreateIndex
CREATE INDEX "ServiceCase_servicePointId_idx" ON "ServiceCase"("servicePointId");

-- CreateIndex
CREATE INDEX "ServiceCase_partnerRegionId_idx" ON "ServiceCase"("partnerRegionId");

-- CreateIndex
CREATE INDEX "ServiceCase_enterpriseId_idx" ON "ServiceCase"("enterpriseId");

-- CreateIndex
CREATE INDEX "ServiceCase_submittedAt_idx" ON "ServiceCase"("submittedAt");

-- CreateIndex
CREATE INDEX "ServiceCase_status_idx" ON "ServiceCase"("status");

-- CreateIndex
CREATE INDEX "ServiceCase_channel_submittedAt_idx" ON "ServiceCase"("channel", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceCase_sourceSystem_externalId_key" ON "ServiceCase"("sourceSystem", "externalId");

-- CreateIndex
CREATE INDEX "Suggestion_departmentId_idx" ON "Suggestion"("departmentId");

-- CreateIndex
CREATE INDEX "Suggestion_status_submittedOn_idx" ON "Suggestion"("status", "submittedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_code_key" ON "Indicator"("code");

-- CreateIndex
CREATE INDEX "Indicator_parentId_idx" ON "Indicator"("parentId");

-- CreateIndex
CREATE INDEX "Indicator_leadDepartmentId_idx" ON "Indicator"("leadDepartmentId");

-- CreateIndex
CREATE INDEX "Indicator_category_idx" ON "Indicator"("category");

-- CreateIndex
CREATE INDEX "IndicatorTarget_regionId_idx" ON "IndicatorTarget"("regionId");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorTarget_indicatorId_year_regionId_key" ON "IndicatorTarget"("indicatorId", "year", "regionId");

-- CreateIndex
CREATE INDEX "IndicatorValue_regionId_periodStart_idx" ON "IndicatorValue"("regionId", "periodStart");

-- CreateIndex
CREATE INDEX "IndicatorValue_periodKind_periodStart_idx" ON "IndicatorValue"("periodKind", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorValue_indicatorId_regionId_periodKind_periodStart_key" ON "IndicatorValue"("indicatorId", "regionId", "periodKind", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "GridUnit_code_key" ON "GridUnit"("code");

-- CreateIndex
CREATE INDEX "GridUnit_departmentId_idx" ON "GridUnit"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "GridStaff_code_key" ON "GridStaff"("code");

-- CreateIndex
CREATE INDEX "GridStaff_gridUnitId_idx" ON "GridStaff"("gridUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_creditCode_key" ON "Enterprise"("creditCode");

-- CreateIndex
CREATE INDEX "Enterprise_regionId_idx" ON "Enterprise"("regionId");

-- CreateIndex
CREATE INDEX "Enterprise_gridUnitId_idx" ON "Enterprise"("gridUnitId");

-- CreateIndex
CREATE INDEX "Enterprise_contactStaffId_idx" ON "Enterprise"("contactStaffId");

-- CreateIndex
CREATE INDEX "ContactVisit_enterpriseId_idx" ON "ContactVisit"("enterpriseId");

-- CreateIndex
CREATE INDEX "ContactVisit_gridStaffId_idx" ON "ContactVisit"("gridStaffId");

-- CreateIndex
CREATE INDEX "ContactVisit_visitedAt_idx" ON "ContactVisit"("visitedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ContactVisit_sourceSystem_externalId_key" ON "ContactVisit"("sourceSystem", "externalId");

-- CreateIndex
CREATE INDEX "BlindBoxRevisit_enterpriseId_idx" ON "BlindBoxRevisit"("enterpriseId");

-- CreateIndex
CREATE INDEX "BlindBoxRevisit_gridUnitId_idx" ON "BlindBoxRevisit"("gridUnitId");

-- CreateIndex
CREATE INDEX "BlindBoxRevisit_revisitedAt_idx" ON "BlindBoxRevisit"("revisitedAt");

-- CreateIndex
CREATE INDEX "ModelCase_enterpriseId_idx" ON "ModelCase"("enterpriseId");

-- CreateIndex
CREATE INDEX "ModelCase_year_idx" ON "ModelCase"("year");

-- CreateIndex
CREATE INDEX "ModelCaseSelection_venue_selectedOn_idx" ON "ModelCaseSelection"("venue", "selectedOn");

-- CreateIndex
CREATE UNIQUE INDEX "ModelCaseSelection_modelCaseId_venue_key" ON "ModelCaseSelection"("modelCaseId", "venue");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_code_key" ON "Policy"("code");

-- CreateIndex
CREATE INDEX "Policy_departmentId_idx" ON "Policy"("departmentId");

-- CreateIndex
CREATE INDEX "Policy_year_idx" ON "Policy"("year");

-- CreateIndex
CREATE INDEX "Disbursement_policyId_idx" ON "Disbursement"("policyId");

-- CreateIndex
CREATE INDEX "Disbursement_enterpriseId_idx" ON "Disbursement"("enterpriseId");

-- CreateIndex
CREATE INDEX "Disbursement_paidOn_idx" ON "Disbursement"("paidOn");

-- CreateIndex
CREATE UNIQUE INDEX "Disbursement_sourceSystem_externalId_key" ON "Disbursement"("sourceSystem", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_code_key" ON "Problem"("code");

-- CreateIndex
CREATE INDEX "Problem_ownerDepartmentId_idx" ON "Problem"("ownerDepartmentId");

-- CreateIndex
CREATE INDEX "Problem_regionId_idx" ON "Problem"("regionId");

-- CreateIndex
CREATE INDEX "Problem_enterpriseId_idx" ON "Problem"("enterpriseId");

-- CreateIndex
CREATE INDEX "Problem_projectId_idx" ON "Problem"("projectId");

-- CreateIndex
CREATE INDEX "Problem_visitId_idx" ON "Problem"("visitId");

-- CreateIndex
CREATE INDEX "Problem_status_source_idx" ON "Problem"("status", "source");

-- CreateIndex
CREATE INDEX "Problem_reportedOn_idx" ON "Problem"("reportedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_sourceSystem_externalId_key" ON "Problem"("sourceSystem", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentSlip_code_key" ON "AssignmentSlip"("code");

-- CreateIndex
CREATE INDEX "AssignmentSlip_problemId_idx" ON "AssignmentSlip"("problemId");

-- CreateIndex
CREATE INDEX "AssignmentSlip_departmentId_idx" ON "AssignmentSlip"("departmentId");

-- CreateIndex
CREATE INDEX "AssignmentSlip_status_deadline_idx" ON "AssignmentSlip"("status", "deadline");

-- CreateIndex
CREATE INDEX "AssignmentSlip_issuedOn_idx" ON "AssignmentSlip"("issuedOn");

-- CreateIndex
CREATE INDEX "ProblemFollowUp_problemId_followedOn_idx" ON "ProblemFollowUp"("problemId", "followedOn");

-- CreateIndex
CREATE INDEX "ProblemReview_problemId_idx" ON "ProblemReview"("problemId");

-- CreateIndex
CREATE UNIQUE INDEX "InvestmentProject_code_key" ON "InvestmentProject"("code");

-- CreateIndex
CREATE INDEX "InvestmentProject_regionId_idx" ON "InvestmentProject"("regionId");

-- CreateIndex
CREATE INDEX "InvestmentProject_ownerDepartmentId_idx" ON "InvestmentProject"("ownerDepartmentId");

-- CreateIndex
CREATE INDEX "InvestmentProject_status_idx" ON "InvestmentProject"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectProgress_projectId_month_key" ON "ProjectProgress"("projectId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "CreditSubject_creditCode_key" ON "CreditSubject"("creditCode");

-- CreateIndex
CREATE UNIQUE INDEX "CreditSubject_enterpriseId_key" ON "CreditSubject"("enterpriseId");

-- CreateIndex
CREATE INDEX "CreditSubject_regionId_idx" ON "CreditSubject"("regionId");

-- CreateIndex
CREATE INDEX "CreditSubject_registeredOn_idx" ON "CreditSubject"("registeredOn");

-- CreateIndex
CREATE INDEX "BlacklistEntry_subjectId_idx" ON "BlacklistEntry"("subjectId");

-- CreateIndex
CREATE INDEX "BlacklistEntry_sourceDepartmentId_idx" ON "BlacklistEntry"("sourceDepartmentId");

-- CreateIndex
CREATE INDEX "BlacklistEntry_listedOn_removedOn_idx" ON "BlacklistEntry"("listedOn", "removedOn");

-- CreateIndex
CREATE UNIQUE INDEX "BlacklistEntry_sourceSystem_externalId_key" ON "BlacklistEntry"("sourceSystem", "externalId");

-- CreateIndex
CREATE INDEX "CreditRepair_subjectId_idx" ON "CreditRepair"("subjectId");

-- CreateIndex
CREATE INDEX "CreditRepair_blacklistEntryId_idx" ON "CreditRepair"("blacklistEntryId");

-- CreateIndex
CREATE INDEX "CreditRepair_status_appliedOn_idx" ON "CreditRepair"("status", "appliedOn");

-- CreateIndex
CREATE INDEX "PublicityRecord_departmentId_decidedOn_idx" ON "PublicityRecord"("departmentId", "decidedOn");

-- CreateIndex
CREATE INDEX "PublicityRecord_subjectId_idx" ON "PublicityRecord"("subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "PublicityRecord_sourceSystem_externalId_key" ON "PublicityRecord"("sourceSystem", "externalId");

-- CreateIndex
CREATE INDEX "EmploymentCreditRating_subjectKind_grade_idx" ON "EmploymentCreditRating"("subjectKind", "grade");

-- CreateIndex
CREATE INDEX "EmploymentCreditRating_ratedOn_idx" ON "EmploymentCreditRating"("ratedOn");

-- CreateIndex
CREATE INDEX "IntegrityEvent_regionId_idx" ON "IntegrityEvent"("regionId");

-- CreateIndex
CREATE INDEX "IntegrityEvent_heldOn_idx" ON "IntegrityEvent"("heldOn");

-- CreateIndex
CREATE INDEX "Honor_year_idx" ON "Honor"("year");

-- CreateIndex
CREATE INDEX "WorkPoint_windowId_idx" ON "WorkPoint"("windowId");

-- CreateIndex
CREATE INDEX "WorkPoint_staffId_idx" ON "WorkPoint"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkPoint_month_windowId_key" ON "WorkPoint"("month", "windowId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkPoint_month_staffId_key" ON "WorkPoint"("month", "staffId");

-- CreateIndex
CREATE INDEX "RedListMonth_hallId_idx" ON "RedListMonth"("hallId");

-- CreateIndex
CREATE UNIQUE INDEX "RedListMonth_month_hallId_key" ON "RedListMonth"("month", "hallId");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_actor_idx" ON "AuditLog"("actor");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceHall" ADD CONSTRAINT "ServiceHall_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HallRating" ADD CONSTRAINT "HallRating_hallId_fkey" FOREIGN KEY ("hallId") REFERENCES "ServiceHall"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Window" ADD CONSTRAINT "Window_hallId_fkey" FOREIGN KEY ("hallId") REFERENCES "ServiceHall"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Window" ADD CONSTRAINT "Window_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "Window"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServicePoint" ADD CONSTRAINT "ServicePoint_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServicePoint" ADD CONSTRAINT "ServicePoint_hallId_fkey" FOREIGN KEY ("hallId") REFERENCES "ServiceHall"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServicePointItem" ADD CONSTRAINT "ServicePointItem_servicePointId_fkey" FOREIGN KEY ("servicePointId") REFERENCES "ServicePoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServicePointItem" ADD CONSTRAINT "ServicePointItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ServiceItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerRegionItem" ADD CONSTRAINT "PartnerRegionItem_partnerRegionId_fkey" FOREIGN KEY ("partnerRegionId") REFERENCES "PartnerRegion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerRegionItem" ADD CONSTRAINT "PartnerRegionItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ServiceItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceItem" ADD CONSTRAINT "ServiceItem_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BundleItem" ADD CONSTRAINT "BundleItem_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BundleItem" ADD CONSTRAINT "BundleItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ServiceItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCase" ADD CONSTRAINT "ServiceCase_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ServiceItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCase" ADD CONSTRAINT "ServiceCase_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCase" ADD CONSTRAINT "ServiceCase_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCase" ADD CONSTRAINT "ServiceCase_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCase" ADD CONSTRAINT "ServiceCase_servicePointId_fkey" FOREIGN KEY ("servicePointId") REFERENCES "ServicePoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCase" ADD CONSTRAINT "ServiceCase_partnerRegionId_fkey" FOREIGN KEY ("partnerRegionId") REFERENCES "PartnerRegion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCase" ADD CONSTRAINT "ServiceCase_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_leadDepartmentId_fkey" FOREIGN KEY ("leadDepartmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorTarget" ADD CONSTRAINT "IndicatorTarget_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorTarget" ADD CONSTRAINT "IndicatorTarget_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridUnit" ADD CONSTRAINT "GridUnit_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridStaff" ADD CONSTRAINT "GridStaff_gridUnitId_fkey" FOREIGN KEY ("gridUnitId") REFERENCES "GridUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enterprise" ADD CONSTRAINT "Enterprise_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enterprise" ADD CONSTRAINT "Enterprise_gridUnitId_fkey" FOREIGN KEY ("gridUnitId") REFERENCES "GridUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enterprise" ADD CONSTRAINT "Enterprise_contactStaffId_fkey" FOREIGN KEY ("contactStaffId") REFERENCES "GridStaff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactVisit" ADD CONSTRAINT "ContactVisit_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactVisit" ADD CONSTRAINT "ContactVisit_gridStaffId_fkey" FOREIGN KEY ("gridStaffId") REFERENCES "GridStaff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlindBoxRevisit" ADD CONSTRAINT "BlindBoxRevisit_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlindBoxRevisit" ADD CONSTRAINT "BlindBoxRevisit_gridUnitId_fkey" FOREIGN KEY ("gridUnitId") REFERENCES "GridUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelCase" ADD CONSTRAINT "ModelCase_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelCaseSelection" ADD CONSTRAINT "ModelCaseSelection_modelCaseId_fkey" FOREIGN KEY ("modelCaseId") REFERENCES "ModelCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Disbursement" ADD CONSTRAINT "Disbursement_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Disbursement" ADD CONSTRAINT "Disbursement_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_ownerDepartmentId_fkey" FOREIGN KEY ("ownerDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "InvestmentProject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "ContactVisit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentSlip" ADD CONSTRAINT "AssignmentSlip_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentSlip" ADD CONSTRAINT "AssignmentSlip_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemFollowUp" ADD CONSTRAINT "ProblemFollowUp_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemReview" ADD CONSTRAINT "ProblemReview_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestmentProject" ADD CONSTRAINT "InvestmentProject_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestmentProject" ADD CONSTRAINT "InvestmentProject_ownerDepartmentId_fkey" FOREIGN KEY ("ownerDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectProgress" ADD CONSTRAINT "ProjectProgress_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "InvestmentProject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditSubject" ADD CONSTRAINT "CreditSubject_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditSubject" ADD CONSTRAINT "CreditSubject_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlacklistEntry" ADD CONSTRAINT "BlacklistEntry_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "CreditSubject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlacklistEntry" ADD CONSTRAINT "BlacklistEntry_sourceDepartmentId_fkey" FOREIGN KEY ("sourceDepartmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRepair" ADD CONSTRAINT "CreditRepair_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "CreditSubject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRepair" ADD CONSTRAINT "CreditRepair_blacklistEntryId_fkey" FOREIGN KEY ("blacklistEntryId") REFERENCES "BlacklistEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicityRecord" ADD CONSTRAINT "PublicityRecord_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicityRecord" ADD CONSTRAINT "PublicityRecord_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "CreditSubject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrityEvent" ADD CONSTRAINT "IntegrityEvent_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkPoint" ADD CONSTRAINT "WorkPoint_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "Window"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkPoint" ADD CONSTRAINT "WorkPoint_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedListMonth" ADD CONSTRAINT "RedListMonth_hallId_fkey" FOREIGN KEY ("hallId") REFERENCES "ServiceHall"("id") ON DELETE SET NULL ON UPDATE CASCADE;
