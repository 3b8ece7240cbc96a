// Which tables each Query field reads, so a write recomputes only the live queries it affects.
// A field not listed here (lists of records, `node`, anything new) is recomputed on every
// write: correct, only slower.

import { OVERVIEW_TABLES } from '../kpi/overview.ts';
import {
  CASE_TABLES,
  CREDIT_TABLES,
  FUND_TABLES,
  INDICATOR_TABLES,
  PROBLEM_TABLES,
  PROJECT_TABLES,
  PUBLICITY_TABLES,
  STAFF_TABLES,
} from '../kpi/tables.ts';

export const fieldTables: Readonly<Record<string, readonly string[]>> = {
  me: [],
  overview: OVERVIEW_TABLES,
  caseStatistics: CASE_TABLES,
  casesToDate: CASE_TABLES,
  caseSeries: CASE_TABLES,
  oneNetworkRate: CASE_TABLES,
  oneNetworkRateByChildren: CASE_TABLES,
  bankBranchStatistics: CASE_TABLES,
  crossProvinceStatistics: CASE_TABLES,
  indicatorBoard: INDICATOR_TABLES,
  businessEvaluation: INDICATOR_TABLES,
  passiveMonitoring: INDICATOR_TABLES,
  problemStatistics: PROBLEM_TABLES,
  slipStatistics: PROBLEM_TABLES,
  investmentProjectStatistics: PROJECT_TABLES,
  policyFundStatistics: FUND_TABLES,
  policyOnlineShares: FUND_TABLES,
  blacklistSeries: CREDIT_TABLES,
  creditRepairStatistics: CREDIT_TABLES,
  publicityRates: PUBLICITY_TABLES,
  workPointRanking: STAFF_TABLES,
  redList: STAFF_TABLES,
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
  investmentProjects: PROJECT_TABLES,
  gridUnits: ['GridUnit', 'GridStaff', 'Department'],
  alerts: ['Alert', 'Region', 'Department'],
};

/** The tables a field reads, or null for "any write may change it". */
export function tablesOf(field: string): ReadonlySet<string> | null {
  const tables = fieldTables[field];
  return tables ? new Set(tables) : null;
}
