// The tables each family of figures reads: which writes a kept figure (sql.ts queryJson) and a
// live query (live/domains.ts) must follow. Naming a table too many only costs a recomputation;
// naming one too few would leave a figure stale, so lists err on the side of more.

export const CASE_TABLES = [
  'ServiceCase',
  'ServiceItem',
  'Region',
  'ServicePoint',
  'PartnerRegion',
  'Department',
];
export const INDICATOR_TABLES = ['Indicator', 'IndicatorTarget', 'IndicatorValue', ...CASE_TABLES];
export const PROBLEM_TABLES = [
  'Problem',
  'AssignmentSlip',
  'ProblemFollowUp',
  'ProblemReview',
  'Department',
  'Region',
];
export const PROJECT_TABLES = ['InvestmentProject', 'ProjectProgress', 'Region'];
export const FUND_TABLES = ['Policy', 'Disbursement', 'Enterprise', 'Department', 'Region'];
export const CREDIT_TABLES = ['CreditSubject', 'BlacklistEntry', 'CreditRepair', 'Department', 'Region'];
export const PUBLICITY_TABLES = ['PublicityRecord', 'Department'];
export const STAFF_TABLES = ['Staff', 'WorkPoint', 'RedListMonth', 'Department'];
