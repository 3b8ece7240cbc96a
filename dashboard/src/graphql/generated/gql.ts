/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AlertFields on AlertNotice {\n    id\n    kind\n    level\n    title\n    regionName\n    departmentName\n    raisedAt\n    acknowledgedAt\n    resolvedAt\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  subscription AlertFeed($region: String, $limit: Int) {\n    alertFeed(regionCode: $region, limit: $limit) {\n      seq\n      snapshot\n      alerts { ...AlertFields }\n    }\n  }\n": typeof types.AlertFeedDocument,
    "\n  fragment CaseTickFields on CaseTick {\n    id\n    kind\n    itemName\n    departmentName\n    townshipName\n    regionName\n    channel\n    oneNetwork\n    status\n    applicant\n    submittedAt\n    completedAt\n  }\n": typeof types.CaseTickFieldsFragmentDoc,
    "\n  subscription CaseTicker($region: String, $limit: Int) {\n    caseTicker(regionCode: $region, limit: $limit) {\n      seq\n      snapshot\n      cases { ...CaseTickFields }\n    }\n  }\n": typeof types.CaseTickerDocument,
    "\n  fragment CountyMapFigures on Query {\n    townships: caseStatistics(groupBy: CHILD_REGION) {\n      region { code name }\n      rows {\n        key\n        label\n        current { cases oneNetworkRate }\n      }\n    }\n  }\n": typeof types.CountyMapFiguresFragmentDoc,
    "\n  subscription CountyMapStream {\n    live { ...CountyMapFigures }\n  }\n": typeof types.CountyMapStreamDocument,
    "\n  fragment CreditFigures on Query {\n    blacklist: blacklistSeries(from: $blacklistFrom) {\n      points {\n        month\n        listed\n        base\n        ratio\n        departments { code name listed }\n      }\n    }\n    repairs: creditRepairStatistics {\n      applied\n      averageDecisionDays\n      byStatus { status label count }\n    }\n    publicity: publicityRates {\n      totals { records timelinessRate accuracyRate completenessRate }\n    }\n  }\n": typeof types.CreditFiguresFragmentDoc,
    "\n  subscription CreditStream($blacklistFrom: Date) {\n    live { ...CreditFigures }\n  }\n": typeof types.CreditStreamDocument,
    "\n  fragment EnvironmentFigures on Query {\n    evaluation: businessEvaluation {\n      years { year score rank rankOf firstTierCount bestInProvinceCount }\n    }\n    indicators: indicatorBoard(category: EVALUATION) {\n      figures { code name parentCode value unit tier status rank rankOf rankChange bestInProvince year }\n    }\n    monitoring: passiveMonitoring {\n      indicatorName\n      unit\n      points {\n        periodStart\n        rank\n        rankOf\n        rankChange\n        value\n        counties { code name rank value home }\n      }\n    }\n  }\n": typeof types.EnvironmentFiguresFragmentDoc,
    "\n  subscription EnvironmentStream {\n    live { ...EnvironmentFigures }\n  }\n": typeof types.EnvironmentStreamDocument,
    "\n  fragment ProblemsFigures on Query {\n    byStatus: problemStatistics(groupBy: STATUS) {\n      total\n      rows { key label count open overdue }\n    }\n    bySource: problemStatistics(groupBy: SOURCE) {\n      total\n      rows { key label count open overdue }\n    }\n    slips: slipStatistics {\n      totals { issued open overdue closed closedOnTime closedLate onTimeRate }\n    }\n    projects: investmentProjectStatistics(historical: true) {\n      total\n      byStatus { status label count }\n    }\n    funds: policyFundStatistics(groupBy: MECHANISM) {\n      totals { amount { wanYuan } beneficiaries payments }\n      rows { key label amount { wanYuan } beneficiaries }\n    }\n  }\n": typeof types.ProblemsFiguresFragmentDoc,
    "\n  subscription ProblemsStream {\n    live { ...ProblemsFigures }\n  }\n": typeof types.ProblemsStreamDocument,
    "\n  fragment RankingFigures on Query {\n    ranking: caseStatistics(regionCode: $region, groupBy: CHILD_REGION) {\n      region { code name level }\n      rows {\n        key\n        label\n        rank\n        rankChange\n        current { cases oneNetworkRate }\n      }\n    }\n  }\n": typeof types.RankingFiguresFragmentDoc,
    "\n  subscription RankingStream($region: String) {\n    live { ...RankingFigures }\n  }\n": typeof types.RankingStreamDocument,
    "\n  fragment ServiceNetworkFigures on Query {\n    bankBranches: bankBranchStatistics { places items cases casesToDate since }\n    crossProvince: crossProvinceStatistics { places items cases casesToDate since }\n  }\n": typeof types.ServiceNetworkFiguresFragmentDoc,
    "\n  subscription ServiceNetworkStream {\n    live { ...ServiceNetworkFigures }\n  }\n": typeof types.ServiceNetworkStreamDocument,
    "\n  fragment ServicePointsFigures on Query {\n    servicePoints(open: true, first: 200) {\n      totalCount\n      edges {\n        node {\n          code\n          name\n          kind\n          longitude\n          latitude\n          region { code level parent { code } }\n        }\n      }\n    }\n  }\n": typeof types.ServicePointsFiguresFragmentDoc,
    "\n  subscription ServicePointsStream {\n    live { ...ServicePointsFigures }\n  }\n": typeof types.ServicePointsStreamDocument,
    "\n  fragment ServicesFigures on Query {\n    overview(regionCode: $region) {\n      asOf\n      today\n      yearElapsed\n      region { code name level }\n      casesToday\n      casesThisMonth\n      casesThisYear\n      casesYearOnYearPercent\n      oneNetworkRate { value target progress status }\n      caseVolume { value target expectedToDate progress status }\n      townshipCases { value target expectedToDate progress status }\n      fundsPaidThisYear { wanYuan }\n      fundBeneficiariesThisYear\n    }\n    channels: caseStatistics(regionCode: $region, groupBy: CHANNEL) {\n      rows { key label current { cases } }\n    }\n  }\n": typeof types.ServicesFiguresFragmentDoc,
    "\n  subscription ServicesStream($region: String) {\n    live { ...ServicesFigures }\n  }\n": typeof types.ServicesStreamDocument,
    "\n  fragment StaffFigures on Query {\n    workPoints: workPointRanking(holder: WINDOW) {\n      month\n      rows { code name hallName points rank rankChange }\n    }\n    redList {\n      year\n      months\n      entries { month hallName note }\n    }\n  }\n": typeof types.StaffFiguresFragmentDoc,
    "\n  subscription StaffStream {\n    live { ...StaffFigures }\n  }\n": typeof types.StaffStreamDocument,
};
const documents: Documents = {
    "\n  fragment AlertFields on AlertNotice {\n    id\n    kind\n    level\n    title\n    regionName\n    departmentName\n    raisedAt\n    acknowledgedAt\n    resolvedAt\n  }\n": types.AlertFieldsFragmentDoc,
    "\n  subscription AlertFeed($region: String, $limit: Int) {\n    alertFeed(regionCode: $region, limit: $limit) {\n      seq\n      snapshot\n      alerts { ...AlertFields }\n    }\n  }\n": types.AlertFeedDocument,
    "\n  fragment CaseTickFields on CaseTick {\n    id\n    kind\n    itemName\n    departmentName\n    townshipName\n    regionName\n    channel\n    oneNetwork\n    status\n    applicant\n    submittedAt\n    completedAt\n  }\n": types.CaseTickFieldsFragmentDoc,
    "\n  subscription CaseTicker($region: String, $limit: Int) {\n    caseTicker(regionCode: $region, limit: $limit) {\n      seq\n      snapshot\n      cases { ...CaseTickFields }\n    }\n  }\n": types.CaseTickerDocument,
    "\n  fragment CountyMapFigures on Query {\n    townships: caseStatistics(groupBy: CHILD_REGION) {\n      region { code name }\n      rows {\n        key\n        label\n        current { cases oneNetworkRate }\n      }\n    }\n  }\n": types.CountyMapFiguresFragmentDoc,
    "\n  subscription CountyMapStream {\n    live { ...CountyMapFigures }\n  }\n": types.CountyMapStreamDocument,
    "\n  fragment CreditFigures on Query {\n    blacklist: blacklistSeries(from: $blacklistFrom) {\n      points {\n        month\n        listed\n        base\n        ratio\n        departments { code name listed }\n      }\n    }\n    repairs: creditRepairStatistics {\n      applied\n      averageDecisionDays\n      byStatus { status label count }\n    }\n    publicity: publicityRates {\n      totals { records timelinessRate accuracyRate completenessRate }\n    }\n  }\n": types.CreditFiguresFragmentDoc,
    "\n  subscription CreditStream($blacklistFrom: Date) {\n    live { ...CreditFigures }\n  }\n": types.CreditStreamDocument,
    "\n  fragment EnvironmentFigures on Query {\n    evaluation: businessEvaluation {\n      years { year score rank rankOf firstTierCount bestInProvinceCount }\n    }\n    indicators: indicatorBoard(category: EVALUATION) {\n      figures { code name parentCode value unit tier status rank rankOf rankChange bestInProvince year }\n    }\n    monitoring: passiveMonitoring {\n      indicatorName\n      unit\n      points {\n        periodStart\n        rank\n        rankOf\n        rankChange\n        value\n        counties { code name rank value home }\n      }\n    }\n  }\n": types.EnvironmentFiguresFragmentDoc,
    "\n  subscription EnvironmentStream {\n    live { ...EnvironmentFigures }\n  }\n": types.EnvironmentStreamDocument,
    "\n  fragment ProblemsFigures on Query {\n    byStatus: problemStatistics(groupBy: STATUS) {\n      total\n      rows { key label count open overdue }\n    }\n    bySource: problemStatistics(groupBy: SOURCE) {\n      total\n      rows { key label count open overdue }\n    }\n    slips: slipStatistics {\n      totals { issued open overdue closed closedOnTime closedLate onTimeRate }\n    }\n    projects: investmentProjectStatistics(historical: true) {\n      total\n      byStatus { status label count }\n    }\n    funds: policyFundStatistics(groupBy: MECHANISM) {\n      totals { amount { wanYuan } beneficiaries payments }\n      rows { key label amount { wanYuan } beneficiaries }\n    }\n  }\n": types.ProblemsFiguresFragmentDoc,
    "\n  subscription ProblemsStream {\n    live { ...ProblemsFigures }\n  }\n": types.ProblemsStreamDocument,
    "\n  fragment RankingFigures on Query {\n    ranking: caseStatistics(regionCode: $region, groupBy: CHILD_REGION) {\n      region { code name level }\n      rows {\n        key\n        label\n        rank\n        rankChange\n        current { cases oneNetworkRate }\n      }\n    }\n  }\n": types.RankingFiguresFragmentDoc,
    "\n  subscription RankingStream($region: String) {\n    live { ...RankingFigures }\n  }\n": types.RankingStreamDocument,
    "\n  fragment ServiceNetworkFigures on Query {\n    bankBranches: bankBranchStatistics { places items cases casesToDate since }\n    crossProvince: crossProvinceStatistics { places items cases casesToDate since }\n  }\n": types.ServiceNetworkFiguresFragmentDoc,
    "\n  subscription ServiceNetworkStream {\n    live { ...ServiceNetworkFigures }\n  }\n": types.ServiceNetworkStreamDocument,
    "\n  fragment ServicePointsFigures on Query {\n    servicePoints(open: true, first: 200) {\n      totalCount\n      edges {\n        node {\n          code\n          name\n          kind\n          longitude\n          latitude\n          region { code level parent { code } }\n        }\n      }\n    }\n  }\n": types.ServicePointsFiguresFragmentDoc,
    "\n  subscription ServicePointsStream {\n    live { ...ServicePointsFigures }\n  }\n": types.ServicePointsStreamDocument,
    "\n  fragment ServicesFigures on Query {\n    overview(regionCode: $region) {\n      asOf\n      today\n      yearElapsed\n      region { code name level }\n      casesToday\n      casesThisMonth\n      casesThisYear\n      casesYearOnYearPercent\n      oneNetworkRate { value target progress status }\n      caseVolume { value target expectedToDate progress status }\n      townshipCases { value target expectedToDate progress status }\n      fundsPaidThisYear { wanYuan }\n      fundBeneficiariesThisYear\n    }\n    channels: caseStatistics(regionCode: $region, groupBy: CHANNEL) {\n      rows { key label current { cases } }\n    }\n  }\n": types.ServicesFiguresFragmentDoc,
    "\n  subscription ServicesStream($region: String) {\n    live { ...ServicesFigures }\n  }\n": types.ServicesStreamDocument,
    "\n  fragment StaffFigures on Query {\n    workPoints: workPointRanking(holder: WINDOW) {\n      month\n      rows { code name hallName points rank rankChange }\n    }\n    redList {\n      year\n      months\n      entries { month hallName note }\n    }\n  }\n": types.StaffFiguresFragmentDoc,
    "\n  subscription StaffStream {\n    live { ...StaffFigures }\n  }\n": types.StaffStreamDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on AlertNotice {\n    id\n    kind\n    level\n    title\n    regionName\n    departmentName\n    raisedAt\n    acknowledgedAt\n    resolvedAt\n  }\n"): (typeof documents)["\n  fragment AlertFields on AlertNotice {\n    id\n    kind\n    level\n    title\n    regionName\n    departmentName\n    raisedAt\n    acknowledgedAt\n    resolvedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertFeed($region: String, $limit: Int) {\n    alertFeed(regionCode: $region, limit: $limit) {\n      seq\n      snapshot\n      alerts { ...AlertFields }\n    }\n  }\n"): (typeof documents)["\n  subscription AlertFeed($region: String, $limit: Int) {\n    alertFeed(regionCode: $region, limit: $limit) {\n      seq\n      snapshot\n      alerts { ...AlertFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseTickFields on CaseTick {\n    id\n    kind\n    itemName\n    departmentName\n    townshipName\n    regionName\n    channel\n    oneNetwork\n    status\n    applicant\n    submittedAt\n    completedAt\n  }\n"): (typeof documents)["\n  fragment CaseTickFields on CaseTick {\n    id\n    kind\n    itemName\n    departmentName\n    townshipName\n    regionName\n    channel\n    oneNetwork\n    status\n    applicant\n    submittedAt\n    completedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CaseTicker($region: String, $limit: Int) {\n    caseTicker(regionCode: $region, limit: $limit) {\n      seq\n      snapshot\n      cases { ...CaseTickFields }\n    }\n  }\n"): (typeof documents)["\n  subscription CaseTicker($region: String, $limit: Int) {\n    caseTicker(regionCode: $region, limit: $limit) {\n      seq\n      snapshot\n      cases { ...CaseTickFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CountyMapFigures on Query {\n    townships: caseStatistics(groupBy: CHILD_REGION) {\n      region { code name }\n      rows {\n        key\n        label\n        current { cases oneNetworkRate }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CountyMapFigures on Query {\n    townships: caseStatistics(groupBy: CHILD_REGION) {\n      region { code name }\n      rows {\n        key\n        label\n        current { cases oneNetworkRate }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CountyMapStream {\n    live { ...CountyMapFigures }\n  }\n"): (typeof documents)["\n  subscription CountyMapStream {\n    live { ...CountyMapFigures }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CreditFigures on Query {\n    blacklist: blacklistSeries(from: $blacklistFrom) {\n      points {\n        month\n        listed\n        base\n        ratio\n        departments { code name listed }\n      }\n    }\n    repairs: creditRepairStatistics {\n      applied\n      averageDecisionDays\n      byStatus { status label count }\n    }\n    publicity: publicityRates {\n      totals { records timelinessRate accuracyRate completenessRate }\n    }\n  }\n"): (typeof documents)["\n  fragment CreditFigures on Query {\n    blacklist: blacklistSeries(from: $blacklistFrom) {\n      points {\n        month\n        listed\n        base\n        ratio\n        departments { code name listed }\n      }\n    }\n    repairs: creditRepairStatistics {\n      applied\n      averageDecisionDays\n      byStatus { status label count }\n    }\n    publicity: publicityRates {\n      totals { records timelinessRate accuracyRate completenessRate }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CreditStream($blacklistFrom: Date) {\n    live { ...CreditFigures }\n  }\n"): (typeof documents)["\n  subscription CreditStream($blacklistFrom: Date) {\n    live { ...CreditFigures }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EnvironmentFigures on Query {\n    evaluation: businessEvaluation {\n      years { year score rank rankOf firstTierCount bestInProvinceCount }\n    }\n    indicators: indicatorBoard(category: EVALUATION) {\n      figures { code name parentCode value unit tier status rank rankOf rankChange bestInProvince year }\n    }\n    monitoring: passiveMonitoring {\n      indicatorName\n      unit\n      points {\n        periodStart\n        rank\n        rankOf\n        rankChange\n        value\n        counties { code name rank value home }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment EnvironmentFigures on Query {\n    evaluation: businessEvaluation {\n      years { year score rank rankOf firstTierCount bestInProvinceCount }\n    }\n    indicators: indicatorBoard(category: EVALUATION) {\n      figures { code name parentCode value unit tier status rank rankOf rankChange bestInProvince year }\n    }\n    monitoring: passiveMonitoring {\n      indicatorName\n      unit\n      points {\n        periodStart\n        rank\n        rankOf\n        rankChange\n        value\n        counties { code name rank value home }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EnvironmentStream {\n    live { ...EnvironmentFigures }\n  }\n"): (typeof documents)["\n  subscription EnvironmentStream {\n    live { ...EnvironmentFigures }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProblemsFigures on Query {\n    byStatus: problemStatistics(groupBy: STATUS) {\n      total\n      rows { key label count open overdue }\n    }\n    bySource: problemStatistics(groupBy: SOURCE) {\n      total\n      rows { key label count open overdue }\n    }\n    slips: slipStatistics {\n      totals { issued open overdue closed closedOnTime closedLate onTimeRate }\n    }\n    projects: investmentProjectStatistics(historical: true) {\n      total\n      byStatus { status label count }\n    }\n    funds: policyFundStatistics(groupBy: MECHANISM) {\n      totals { amount { wanYuan } beneficiaries payments }\n      rows { key label amount { wanYuan } beneficiaries }\n    }\n  }\n"): (typeof documents)["\n  fragment ProblemsFigures on Query {\n    byStatus: problemStatistics(groupBy: STATUS) {\n      total\n      rows { key label count open overdue }\n    }\n    bySource: problemStatistics(groupBy: SOURCE) {\n      total\n      rows { key label count open overdue }\n    }\n    slips: slipStatistics {\n      totals { issued open overdue closed closedOnTime closedLate onTimeRate }\n    }\n    projects: investmentProjectStatistics(historical: true) {\n      total\n      byStatus { status label count }\n    }\n    funds: policyFundStatistics(groupBy: MECHANISM) {\n      totals { amount { wanYuan } beneficiaries payments }\n      rows { key label amount { wanYuan } beneficiaries }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ProblemsStream {\n    live { ...ProblemsFigures }\n  }\n"): (typeof documents)["\n  subscription ProblemsStream {\n    live { ...ProblemsFigures }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RankingFigures on Query {\n    ranking: caseStatistics(regionCode: $region, groupBy: CHILD_REGION) {\n      region { code name level }\n      rows {\n        key\n        label\n        rank\n        rankChange\n        current { cases oneNetworkRate }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RankingFigures on Query {\n    ranking: caseStatistics(regionCode: $region, groupBy: CHILD_REGION) {\n      region { code name level }\n      rows {\n        key\n        label\n        rank\n        rankChange\n        current { cases oneNetworkRate }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RankingStream($region: String) {\n    live { ...RankingFigures }\n  }\n"): (typeof documents)["\n  subscription RankingStream($region: String) {\n    live { ...RankingFigures }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServiceNetworkFigures on Query {\n    bankBranches: bankBranchStatistics { places items cases casesToDate since }\n    crossProvince: crossProvinceStatistics { places items cases casesToDate since }\n  }\n"): (typeof documents)["\n  fragment ServiceNetworkFigures on Query {\n    bankBranches: bankBranchStatistics { places items cases casesToDate since }\n    crossProvince: crossProvinceStatistics { places items cases casesToDate since }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ServiceNetworkStream {\n    live { ...ServiceNetworkFigures }\n  }\n"): (typeof documents)["\n  subscription ServiceNetworkStream {\n    live { ...ServiceNetworkFigures }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServicePointsFigures on Query {\n    servicePoints(open: true, first: 200) {\n      totalCount\n      edges {\n        node {\n          code\n          name\n          kind\n          longitude\n          latitude\n          region { code level parent { code } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ServicePointsFigures on Query {\n    servicePoints(open: true, first: 200) {\n      totalCount\n      edges {\n        node {\n          code\n          name\n          kind\n          longitude\n          latitude\n          region { code level parent { code } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ServicePointsStream {\n    live { ...ServicePointsFigures }\n  }\n"): (typeof documents)["\n  subscription ServicePointsStream {\n    live { ...ServicePointsFigures }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServicesFigures on Query {\n    overview(regionCode: $region) {\n      asOf\n      today\n      yearElapsed\n      region { code name level }\n      casesToday\n      casesThisMonth\n      casesThisYear\n      casesYearOnYearPercent\n      oneNetworkRate { value target progress status }\n      caseVolume { value target expectedToDate progress status }\n      townshipCases { value target expectedToDate progress status }\n      fundsPaidThisYear { wanYuan }\n      fundBeneficiariesThisYear\n    }\n    channels: caseStatistics(regionCode: $region, groupBy: CHANNEL) {\n      rows { key label current { cases } }\n    }\n  }\n"): (typeof documents)["\n  fragment ServicesFigures on Query {\n    overview(regionCode: $region) {\n      asOf\n      today\n      yearElapsed\n      region { code name level }\n      casesToday\n      casesThisMonth\n      casesThisYear\n      casesYearOnYearPercent\n      oneNetworkRate { value target progress status }\n      caseVolume { value target expectedToDate progress status }\n      townshipCases { value target expectedToDate progress status }\n      fundsPaidThisYear { wanYuan }\n      fundBeneficiariesThisYear\n    }\n    channels: caseStatistics(regionCode: $region, groupBy: CHANNEL) {\n      rows { key label current { cases } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ServicesStream($region: String) {\n    live { ...ServicesFigures }\n  }\n"): (typeof documents)["\n  subscription ServicesStream($region: String) {\n    live { ...ServicesFigures }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StaffFigures on Query {\n    workPoints: workPointRanking(holder: WINDOW) {\n      month\n      rows { code name hallName points rank rankChange }\n    }\n    redList {\n      year\n      months\n      entries { month hallName note }\n    }\n  }\n"): (typeof documents)["\n  fragment StaffFigures on Query {\n    workPoints: workPointRanking(holder: WINDOW) {\n      month\n      rows { code name hallName points rank rankChange }\n    }\n    redList {\n      year\n      months\n      entries { month hallName note }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StaffStream {\n    live { ...StaffFigures }\n  }\n"): (typeof documents)["\n  subscription StaffStream {\n    live { ...StaffFigures }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;