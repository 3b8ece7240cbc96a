// What the simulator reads before it starts, through the public API like any client: the
// region tree, service points, the item catalogue with its channels, partner counties and
// bundles, enterprises and the credit base, policies, the blacklist, open slips and problems,
// and which source systems fed the hub's cases, payments and list entries.
import type { GraphQLClient } from './client.ts';

export type Channel =
  | 'WEB'
  | 'MOBILE'
  | 'WINDOW'
  | 'BANK_BRANCH'
  | 'CROSS_PROVINCE'
  | 'SELF_SERVICE'
  | 'VILLAGE_AGENT';
export type Level = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
export type SlipStatus = 'ISSUED' | 'ACKNOWLEDGED' | 'REPLIED' | 'VERIFIED' | 'CLOSED';

export interface Village {
  code: string;
  population: number;
  townshipCode: string;
}

export interface ServicePoint {
  code: string;
  kind: 'SERVICE_HALL' | 'BANK_BRANCH' | 'VILLAGE_STATION' | 'SELF_SERVICE_KIOSK';
  regionCode: string;
  /** The township the point lies in; null at county level. */
  townshipCode: string | null;
  hallLevel: Level | null;
}

export interface ServiceItem {
  code: string;
  channels: Channel[];
  levels: Level[];
  highFrequency: boolean;
}

export interface Partner {
  code: string;
  bordering: boolean;
  itemCodes: string[];
}

export interface Bundle {
  code: string;
  launchedOn: string;
  itemCodes: string[];
}

export interface Enterprise {
  creditCode: string;
  scale: 'LARGE' | 'MEDIUM' | 'SMALL' | 'MICRO';
  registeredOn: string;
}

export interface Policy {
  code: string;
  year: number;
  publishedOn: string;
  paidOnline: boolean;
}

export interface BlacklistEntry {
  id: string;
  externalId: string;
  sourceSystem: string;
  listedOn: string;
  version: number;
  subjectCreditCode: string;
  departmentCode: string;
}

export interface Slip {
  id: string;
  code: string;
  status: SlipStatus;
  version: number;
}

export interface Problem {
  code: string;
  source: string;
  departmentCode: string;
}

export interface Reference {
  countyCode: string;
  villages: Village[];
  points: ServicePoint[];
  items: ServiceItem[];
  partners: Partner[];
  bundles: Bundle[];
  departments: Array<{ code: string; name: string; shortName: string }>;
  enterprises: Enterprise[];
  policies: Policy[];
  /** Credit codes of the firms in the credit base (信用主体库). */
  creditBase: string[];
  /** Entries in force, every source system's. */
  blacklist: BlacklistEntry[];
  /** Slips not closed yet. */
  slips: Slip[];
  /** Problems not resolved or closed: they may get another slip. */
  problems: Problem[];
  /** The source systems of the newest case, payment and list entry; null when there is none. */
  sources: { cases: string | null; funds: string | null; credit: string | null };
}

interface Page<N> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: N }>;
}

const pageInfo = 'pageInfo { hasNextPage endCursor }';

/** Every node of a connection, page by page (`$after` in the query). */
async function allPages<D, N>(
  client: GraphQLClient,
  token: string,
  query: string,
  page: (data: D) => Page<N>,
  variables: Record<string, unknown> = {},
): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  do {
    const found: Page<N> = page(await client.request<D>(token, query, { ...variables, after }));
    nodes.push(...found.edges.map((edge) => edge.node));
    after = found.pageInfo.hasNextPage ? found.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

type RegionRow = { code: string; population: number | null; parent: { code: string } | null };

async function regions(client: GraphQLClient, token: string) {
  const data = await client.request<{
    county: Array<{ code: string; isHome: boolean }>;
    townships: RegionRow[];
    villages: RegionRow[];
  }>(
    token,
    `{ county: regions(level: COUNTY) { code isHome }
       townships: regions(level: TOWNSHIP) { code population parent { code } }
       villages: regions(level: VILLAGE) { code population parent { code } } }`,
  );
  const county = data.county.find((region) => region.isHome);
  if (!county) throw new Error('the hub has no home county');
  const townships = new Set(
    data.townships.filter((t) => t.parent?.code === county.code).map((township) => township.code),
  );
  const villages = data.villages
    .filter((village) => village.parent && townships.has(village.parent.code))
    .map((village) => ({
      code: village.code,
      population: village.population ?? 1,
      townshipCode: village.parent?.code as string,
    }));
  return { countyCode: county.code, townships, villages };
}

async function points(
  client: GraphQLClient,
  token: string,
  townships: Set<string>,
  villages: Village[],
): Promise<ServicePoint[]> {
  type Row = {
    code: string;
    kind: ServicePoint['kind'];
    region: { code: string };
    hall: { level: Level } | null;
  };
  const rows = await allPages<{ servicePoints: Page<Row> }, Row>(
    client,
    token,
    `query ($after: String) { servicePoints(first: 50, open: true, after: $after) {
       ${pageInfo} edges { node { code kind region { code } hall { level } } } } }`,
    (data) => data.servicePoints,
  );
  const townshipOfVillage = new Map(villages.map((village) => [village.code, village.townshipCode]));
  return rows.map((row) => ({
    code: row.code,
    kind: row.kind,
    regionCode: row.region.code,
    townshipCode: townships.has(row.region.code)
      ? row.region.code
      : (townshipOfVillage.get(row.region.code) ?? null),
    hallLevel: row.hall?.level ?? null,
  }));
}

async function items(client: GraphQLClient, token: string): Promise<ServiceItem[]> {
  type Row = { code: string; allowedChannels: Channel[]; allowedLevels: Level[]; highFrequency: boolean };
  const rows = await allPages<{ serviceItems: Page<Row> }, Row>(
    client,
    token,
    `query ($after: String) { serviceItems(first: 100, active: true, after: $after) {
       ${pageInfo} edges { node { code allowedChannels allowedLevels highFrequency } } } }`,
    (data) => data.serviceItems,
  );
  return rows.map((row) => ({
    code: row.code,
    channels: row.allowedChannels,
    levels: row.allowedLevels,
    highFrequency: row.highFrequency,
  }));
}

async function partners(client: GraphQLClient, token: string): Promise<Partner[]> {
  type Row = { id: string; code: string; bordering: boolean };
  const rows = await allPages<{ partnerRegions: Page<Row> }, Row>(
    client,
    token,
    `query ($after: String) { partnerRegions(first: 50, after: $after) {
       ${pageInfo} edges { node { id code bordering } } } }`,
    (data) => data.partnerRegions,
  );
  type ItemRow = { item: { code: string } };
  return Promise.all(
    rows.map(async (row) => ({
      code: row.code,
      bordering: row.bordering,
      itemCodes: (
        await allPages<{ node: { items: Page<ItemRow> } }, ItemRow>(
          client,
          token,
          `query ($id: ID!, $after: String) { node(id: $id) { ... on PartnerRegion {
             items(first: 50, after: $after) { ${pageInfo} edges { node { item { code } } } } } } }`,
          (data) => data.node.items,
          { id: row.id },
        )
      ).map((agreed) => agreed.item.code),
    })),
  );
}

async function bundles(client: GraphQLClient, token: string): Promise<Bundle[]> {
  type Row = { code: string; launchedOn: string; items: Array<{ item: { code: string } }> };
  const rows = await allPages<{ bundles: Page<Row> }, Row>(
    client,
    token,
    `query ($after: String) { bundles(first: 20, after: $after) {
       ${pageInfo} edges { node { code launchedOn items { item { code } } } } } }`,
    (data) => data.bundles,
  );
  return rows.map((row) => ({
    code: row.code,
    launchedOn: row.launchedOn,
    itemCodes: row.items.map((entry) => entry.item.code),
  }));
}

async function blacklist(client: GraphQLClient, token: string): Promise<BlacklistEntry[]> {
  type Row = Omit<BlacklistEntry, 'subjectCreditCode' | 'departmentCode'> & {
    subject: { creditCode: string };
    sourceDepartment: { code: string };
  };
  const rows = await allPages<{ blacklistEntries: Page<Row> }, Row>(
    client,
    token,
    `query ($after: String) { blacklistEntries(first: 50, current: true, after: $after) {
       ${pageInfo} edges { node { id externalId sourceSystem listedOn version
         subject { creditCode } sourceDepartment { code } } } } }`,
    (data) => data.blacklistEntries,
  );
  return rows.map(({ subject, sourceDepartment, ...entry }) => ({
    ...entry,
    subjectCreditCode: subject.creditCode,
    departmentCode: sourceDepartment.code,
  }));
}

async function openSlips(client: GraphQLClient, token: string): Promise<Slip[]> {
  const open: SlipStatus[] = ['ISSUED', 'ACKNOWLEDGED', 'REPLIED', 'VERIFIED'];
  const lists = await Promise.all(
    open.map((status) =>
      allPages<{ assignmentSlips: Page<Slip> }, Slip>(
        client,
        token,
        `query ($after: String, $status: SlipStatus) {
           assignmentSlips(first: 100, status: $status, orderBy: ISSUED_NEWEST, after: $after) {
             ${pageInfo} edges { node { id code status version } } } }`,
        (data) => data.assignmentSlips,
        { status },
      ),
    ),
  );
  return lists.flat().sort((a, b) => a.code.localeCompare(b.code));
}

async function openProblems(client: GraphQLClient, token: string): Promise<Problem[]> {
  type Row = { code: string; source: string; ownerDepartment: { code: string } };
  const rows = await allPages<{ problems: Page<Row> }, Row>(
    client,
    token,
    `query ($after: String) { problems(first: 100, open: true, after: $after) {
       ${pageInfo} edges { node { code source ownerDepartment { code } } } } }`,
    (data) => data.problems,
  );
  return rows
    .map((row) => ({ code: row.code, source: row.source, departmentCode: row.ownerDepartment.code }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

async function sources(client: GraphQLClient, token: string): Promise<Reference['sources']> {
  type Newest = { edges: Array<{ node: { sourceSystem: string } }> };
  const data = await client.request<{
    serviceCases: Newest;
    disbursements: Newest;
    blacklistEntries: Newest;
  }>(
    token,
    `{ serviceCases(first: 1) { edges { node { sourceSystem } } }
       disbursements(first: 1) { edges { node { sourceSystem } } }
       blacklistEntries(first: 1) { edges { node { sourceSystem } } } }`,
  );
  const newest = (connection: Newest) => connection.edges[0]?.node.sourceSystem ?? null;
  return {
    cases: newest(data.serviceCases),
    funds: newest(data.disbursements),
    credit: newest(data.blacklistEntries),
  };
}

/** Reads everything the simulator draws from; `year` is the server's current year. */
export async function loadReference(client: GraphQLClient, token: string, year: number): Promise<Reference> {
  const tree = await regions(client, token);
  type Department = { code: string; name: string; shortName: string };
  type Subject = { creditCode: string };
  const [
    pointList,
    itemList,
    partnerList,
    bundleList,
    departments,
    enterprises,
    policies,
    subjects,
    entries,
    slips,
    problems,
    feeds,
  ] = await Promise.all([
    points(client, token, tree.townships, tree.villages),
    items(client, token),
    partners(client, token),
    bundles(client, token),
    allPages<{ departments: Page<Department> }, Department>(
      client,
      token,
      `query ($after: String) { departments(first: 100, after: $after) {
         ${pageInfo} edges { node { code name shortName } } } }`,
      (data) => data.departments,
    ),
    allPages<{ enterprises: Page<Enterprise> }, Enterprise>(
      client,
      token,
      `query ($after: String) { enterprises(first: 100, after: $after) {
         ${pageInfo} edges { node { creditCode scale registeredOn } } } }`,
      (data) => data.enterprises,
    ),
    Promise.all(
      [year - 1, year].map((policyYear) =>
        allPages<{ policies: Page<Policy> }, Policy>(
          client,
          token,
          `query ($after: String, $year: Int) { policies(first: 100, year: $year, after: $after) {
             ${pageInfo} edges { node { code year publishedOn paidOnline } } } }`,
          (data) => data.policies,
          { year: policyYear },
        ),
      ),
    ).then((lists) => lists.flat()),
    allPages<{ creditSubjects: Page<Subject> }, Subject>(
      client,
      token,
      `query ($after: String) { creditSubjects(first: 100, active: true, after: $after) {
         ${pageInfo} edges { node { creditCode } } } }`,
      (data) => data.creditSubjects,
    ),
    blacklist(client, token),
    openSlips(client, token),
    openProblems(client, token),
    sources(client, token),
  ]);
  return {
    countyCode: tree.countyCode,
    villages: tree.villages,
    points: pointList,
    items: itemList,
    partners: partnerList,
    bundles: bundleList,
    departments,
    enterprises,
    policies,
    creditBase: subjects.map((subject) => subject.creditCode),
    blacklist: entries,
    slips,
    problems,
    sources: feeds,
  };
}
