// Which tables each Query field reads, so a write recomputes only the live queries it affects.
// A field not listed here (lists of records, `node`, anything new) is recomputed on every
// write: correct, only slower.

const CASES = ['ServiceCase', 'ServiceItem', 'Region', 'ServicePoint', 'PartnerRegion', 'Department'];
const INDICATORS = ['Indicator', 'IndicatorTarget', 'IndicatorValue', ...CASES];
const PROBLEMS = ['Problem', 'AssignmentSlip', 'ProblemFollowUp', 'ProblemReview', 'Department', 'Region'];
const PROJECTS = ['InvestmentProject', 'ProjectProgress', 'Region'];
const FUNDS = ['Policy', 'Disbursement', 'Enterprise', 'Department'];
const CREDIT = ['CreditSubject', 'BlacklistEntry', 'CreditRepair', 'Department', 'Region'];
const PUBLICITY = ['PublicityRecord', 'Department'];
const STAFF = ['Staff', 'WorkPoint', 'RedListMonth', 'Department'];

export const fieldTables: Readonly<Record<string, readonly string[]>> = {
  me: [],
  caseStatistics: CASES,
  casesToDate: CASES,
  caseSeries: CASES,
  oneNetworkRate: CASES,
  oneNetworkRateByChildren: CASES,
  bankBranchStatistics: CASES,
  crossProvinceStatistics: CASES,
  indicatorBoard: INDICATORS,
  businessEvaluation: INDICATORS,
  passiveMonitoring: INDICATORS,
  problemStatistics: PROBLEMS,
  slipStatistics: PROBLEMS,
  investmentProjectStatistics: PROJECTS,
  policyFundStatistics: FUNDS,
  policyOnlineShares: FUNDS,
  blacklistSeries: CREDIT,
  creditRepairStatistics: CREDIT,
  publicityRates: PUBLICITY,
  workPointRanking: STAFF,
  redList: STAFF,
  regions: ['Region'],
  region: ['Region'],
  departments: ['Department'],
  department: ['Department'],
  servicePoints: ['ServicePoint', 'ServicePointItem', 'ServiceItem', 'Region', 'Department'],
  serviceHalls: ['ServiceHall', 'Region'],
  serviceItems: ['ServiceItem', 'Department'],
  partnerRegions: ['PartnerRegion', 'PartnerRegionItem', 'ServiceItem'],
  bundles: ['Bundle', 'BundleItem', 'ServiceItem'],
  indicators: ['Indicator', 'IndicatorTarget', 'IndicatorValue', 'Department'],
  indicator: ['Indicator', 'IndicatorTarget', 'IndicatorValue', 'Department'],
  policies: ['Policy', 'Disbursement', 'Department'],
  investmentProjects: PROJECTS,
  gridUnits: ['GridUnit', 'GridStaff', 'Department'],
  alerts: ['Alert', 'Region', 'Department'],
};

/** The tables a field reads, or null for "any write may change it". */
export function tablesOf(field: string): ReadonlySet<string> | null {
  const tables = fieldTables[field];
  return tables ? new Set(tables) : null;
}
