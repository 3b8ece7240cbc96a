// The tabs GraphiQL opens with: questions an analyst asks first, runnable as they are with an
// ANALYST token. A test validates each against the schema, so they cannot go stale.

export interface ExampleOperation {
  query: string;
  variables: Record<string, unknown>;
}

export const analystExamples: ExampleOperation[] = [
  {
    query: `# Overview (总览): the county's one-network rate (一网通办率) this year against its target.
query Overview($year: Int!) {
  county: oneNetworkRate(year: $year) {
    region { name code }
    totalCases
    oneNetworkCases
    rate
    target
    asOf
  }
  townships: regions(level: TOWNSHIP) { name code population }
}`,
    variables: { year: 2023 },
  },
  {
    query: `# Rankings (排名): the townships by one-network rate, best first, ties share a rank.
query TownshipRanking($year: Int!) {
  oneNetworkRateByChildren(year: $year) {
    rank
    region { name }
    rate
    totalCases
    oneNetworkCases
  }
}`,
    variables: { year: 2023 },
  },
  {
    query: `# Trends (趋势): the county's one-network rate year by year since 2022.
query RateByYear {
  y2022: oneNetworkRate(year: 2022) { year rate target totalCases }
  y2023: oneNetworkRate(year: 2023) { year rate target totalCases }
  y2024: oneNetworkRate(year: 2024) { year rate target totalCases }
  y2025: oneNetworkRate(year: 2025) { year rate target totalCases }
}`,
    variables: {},
  },
];
