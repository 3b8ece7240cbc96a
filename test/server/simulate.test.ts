// The simulator (`pnpm simulate`) against a hub on a real port over a freshly seeded database of
// its own (tiny scale: 2022 in full, the later years at a thousandth), so the shared seeded
// fixture keeps the figures the other suites assert. The hub's clock runs from a Friday morning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../prisma/seed/index.ts';
import { randomStream } from '../../prisma/seed/random.ts';
import { mintToken } from '../../server/src/auth.ts';
import { createHubServer, type HubServer } from '../../server/src/server.ts';
import { graphqlClient } from '../../server/src/simulate/client.ts';
import { countyOf } from '../../server/src/simulate/county.ts';
import { loadReference, type Reference } from '../../server/src/simulate/reference.ts';
import { eventKinds, type SimulationReport, simulate } from '../../server/src/simulate/simulate.ts';
import { migratedDatabase } from '../fixtures/database.ts';

const secret = 'simulate-test-secret-0123456789abcdef0123';
/** Friday 2026-11-27, 10:00 in Shanghai: a working day, every counter open. */
const morning = new Date('2026-11-27T10:00:00+08:00');
const today = '2026-11-27';

let hub: HubServer;
let url: string;
let analyst: string;

beforeAll(async () => {
  const db = await migratedDatabase();
  await seedDatabase(db, { scale: 0.001, today: morning });
  const started = Date.now();
  hub = createHubServer({
    db,
    secret,
    clock: () => new Date(morning.getTime() + (Date.now() - started)),
    dashboardDir: '/nonexistent/dist',
  });
  url = `http://127.0.0.1:${await hub.listen(0, '127.0.0.1')}/graphql`;
  analyst = await mintToken(secret, { subject: 'simulate-test', role: 'ANALYST' });
});

afterAll(async () => {
  await hub?.stop();
});

const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
  graphqlClient(url).request<T>(analyst, query, variables);

interface Figures {
  casesToday: number;
  oneNetworkCasesThisYear: number;
  bankBranchCasesThisYear: number;
  crossProvinceCasesThisYear: number;
  townshipCases: { value: number };
  blacklistListed: number;
  slipsOpen: number;
  fundsPaidThisYear: { fen: string };
}

const figures = async () =>
  (
    await gql<{ overview: Figures }>(`{ overview { casesToday oneNetworkCasesThisYear bankBranchCasesThisYear
      crossProvinceCasesThisYear townshipCases { value } blacklistListed slipsOpen fundsPaidThisYear { fen } } }`)
  ).overview;

interface Page<N> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: N }>;
}

async function all<N>(query: string, field: string, variables: Record<string, unknown> = {}): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  do {
    const page: Page<N> = (await gql<Record<string, Page<N>>>(query, { ...variables, after }))[
      field
    ] as Page<N>;
    nodes.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

describe('pnpm simulate', () => {
  let before: Figures;
  let report: SimulationReport;
  const lines: string[] = [];

  beforeAll(async () => {
    before = await figures();
    // Every kind of event often enough to show up in five seconds; completions due at once.
    report = await simulate({
      url,
      secret,
      rate: 25,
      // Long enough for every kind on a slow CI machine: once only 3 s at 0.08–0.09 shares sent no payment.
      duration: 5,
      seed: 'simulate-test',
      mix: { case: 0.2, completion: 0.1, slip: 0.25, disbursement: 0.15, listing: 0.15, removal: 0.15 },
      completeAfter: [0, 0],
      summaryEvery: 1,
      log: (line) => lines.push(line),
    });
    console.log(lines.at(-1));
  });

  it('sends every kind of event and the hub accepts all of them', () => {
    expect(report.errors).toEqual({});
    expect(report.succeeded).toEqual(report.sent);
    for (const kind of eventKinds) expect(report.sent[kind], kind).toBeGreaterThan(0);
    expect(lines[0]).toMatch(
      /^simulating 25 events\/s .*cases as ywtb, payments as zhengqitong, list entries as credit-platform, slips as STAFF$/,
    );
    expect(lines.at(-1)).toMatch(/^simulated \d+ events in \d+ s \([\d.]+\/s\): \d+ cases, .*; no errors$/);
    expect(report.sources).toEqual({ cases: 'ywtb', funds: 'zhengqitong', credit: 'credit-platform' });
  });

  it('moves the screen’s figures by exactly what it reports', async () => {
    const after = await figures();
    const count = (filter: (c: SimulationReport['cases'][number]) => boolean) =>
      report.cases.filter(filter).length;
    const closed = report.slipSteps.filter((step) => step.to === 'CLOSED').length;
    const paid = report.disbursements.reduce((sum, d) => sum + BigInt(d.amountFen), 0n);
    expect(report.cases.length).toBeGreaterThan(0);
    expect({
      cases: after.casesToday - before.casesToday,
      oneNetwork: after.oneNetworkCasesThisYear - before.oneNetworkCasesThisYear,
      bank: after.bankBranchCasesThisYear - before.bankBranchCasesThisYear,
      cross: after.crossProvinceCasesThisYear - before.crossProvinceCasesThisYear,
      township: after.townshipCases.value - before.townshipCases.value,
      listed: after.blacklistListed - before.blacklistListed,
      slipsOpen: after.slipsOpen - before.slipsOpen,
      paid: BigInt(after.fundsPaidThisYear.fen) - BigInt(before.fundsPaidThisYear.fen),
    }).toEqual({
      cases: report.cases.length,
      oneNetwork: count((c) => c.oneNetwork),
      bank: count((c) => c.channel === 'BANK_BRANCH'),
      cross: count((c) => c.channel === 'CROSS_PROVINCE'),
      township: count((c) => c.townshipCode !== null),
      listed: report.listings.length - report.removals.length,
      slipsOpen: report.slipsIssued.length - closed,
      paid,
    });
  });

  it('writes the cases it reports, with the channel, place, item and status it chose', async () => {
    type Row = {
      externalId: string;
      sourceSystem: string;
      channel: string;
      status: string;
      oneNetwork: boolean;
      submittedAt: string;
      completedAt: string | null;
      item: { code: string };
      region: { code: string };
      township: { code: string } | null;
      servicePoint: { code: string } | null;
      partnerRegion: { code: string } | null;
      bundle: { code: string } | null;
    };
    const rows = await all<Row>(
      `query ($after: String, $search: String) { serviceCases(first: 40, search: $search, after: $after) {
         pageInfo { hasNextPage endCursor } edges { node { externalId sourceSystem channel status oneNetwork
           submittedAt completedAt item { code } region { code } township { code } servicePoint { code }
           partnerRegion { code } bundle { code } } } } }`,
      'serviceCases',
      { search: `sim-${report.runId}-` },
    );
    expect(rows.map((row) => row.externalId).sort()).toEqual(report.cases.map((c) => c.externalId).sort());
    const byId = new Map(rows.map((row) => [row.externalId, row]));
    for (const simulated of report.cases) {
      const row = byId.get(simulated.externalId) as Row;
      expect({
        sourceSystem: row.sourceSystem,
        channel: row.channel,
        status: row.status,
        oneNetwork: row.oneNetwork,
        itemCode: row.item.code,
        regionCode: row.region.code,
        townshipCode: row.township?.code ?? null,
        servicePointCode: row.servicePoint?.code ?? null,
        partnerRegionCode: row.partnerRegion?.code ?? null,
        bundleCode: row.bundle?.code ?? null,
        submittedToday: row.submittedAt.startsWith('2026-11-27T0'),
        completed: row.completedAt !== null,
      }).toEqual({
        sourceSystem: 'ywtb',
        channel: simulated.channel,
        status: simulated.status,
        oneNetwork: simulated.oneNetwork,
        itemCode: simulated.itemCode,
        regionCode: simulated.regionCode,
        townshipCode: simulated.townshipCode,
        servicePointCode: simulated.servicePointCode,
        partnerRegionCode: simulated.partnerRegionCode,
        bundleCode: simulated.bundleCode,
        submittedToday: true,
        completed: simulated.status === 'COMPLETED',
      });
    }
    expect(report.cases.filter((c) => c.status === 'COMPLETED').length).toBe(report.succeeded.completion);
  });

  it('leaves every slip it moved or issued where its last step put it', async () => {
    const last = new Map<string, string>();
    for (const slip of report.slipsIssued) last.set(slip.id, 'ISSUED');
    for (const step of report.slipSteps) {
      const previous = last.get(step.id);
      if (previous) expect(step.from).toBe(previous);
      last.set(step.id, step.to);
    }
    type Slip = { id: string; code: string; status: string; reply: string | null; problem: { code: string } };
    const { nodes } = await gql<{ nodes: Slip[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on AssignmentSlip { id code status reply problem { code } } } }`,
      { ids: [...last.keys()] },
    );
    expect(Object.fromEntries(nodes.map((slip) => [slip.id, slip.status]))).toEqual(Object.fromEntries(last));
    for (const issued of report.slipsIssued) {
      expect(nodes.find((slip) => slip.id === issued.id)).toMatchObject({
        code: issued.code,
        problem: { code: issued.problemCode },
      });
    }
    const replied = new Set(report.slipSteps.filter((step) => step.to === 'REPLIED').map((step) => step.id));
    for (const slip of nodes.filter((s) => replied.has(s.id))) expect(slip.reply).toBeTruthy();
  });

  it('pays, lists and removes exactly what it reports', async () => {
    type Payment = {
      externalId: string;
      amountFen: string;
      sourceSystem: string;
      enterprise: { creditCode: string };
    };
    const payments = await all<Payment>(
      `query ($after: String, $day: Date) { disbursements(first: 50, paidFrom: $day, paidTo: $day, after: $after) {
         pageInfo { hasNextPage endCursor } edges { node { externalId amountFen sourceSystem enterprise { creditCode } } } } }`,
      'disbursements',
      { day: today },
    );
    const ours = payments.filter((p) => p.externalId.startsWith(`sim-${report.runId}-`));
    expect(
      ours
        .map((p) => ({
          externalId: p.externalId,
          amountFen: p.amountFen,
          enterpriseCreditCode: p.enterprise.creditCode,
        }))
        .sort((a, b) => a.externalId.localeCompare(b.externalId)),
    ).toEqual(
      report.disbursements
        .map(({ externalId, amountFen, enterpriseCreditCode }) => ({
          externalId,
          amountFen,
          enterpriseCreditCode,
        }))
        .sort((a, b) => a.externalId.localeCompare(b.externalId)),
    );
    expect(new Set(ours.map((p) => p.sourceSystem))).toEqual(new Set(['zhengqitong']));

    type Entry = {
      id: string;
      externalId: string;
      listedOn: string;
      removedOn: string | null;
      subject: { creditCode: string };
    };
    const ids = [...report.listings, ...report.removals].map((entry) => entry.id);
    const { nodes } = await gql<{ nodes: Entry[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on BlacklistEntry { id externalId listedOn removedOn subject { creditCode } } } }`,
      { ids },
    );
    const byId = new Map(nodes.map((entry) => [entry.id, entry]));
    const removed = new Set(report.removals.map((entry) => entry.id));
    for (const listing of report.listings) {
      expect(byId.get(listing.id)).toEqual({
        id: listing.id,
        externalId: listing.externalId,
        listedOn: today,
        removedOn: removed.has(listing.id) ? today : null,
        subject: { creditCode: listing.subjectCreditCode },
      });
    }
    for (const removal of report.removals) {
      expect(byId.get(removal.id)).toMatchObject({
        removedOn: today,
        subject: { creditCode: removal.subjectCreditCode },
      });
    }
  });
});

describe('the county it simulates', () => {
  let reference: Reference;
  beforeAll(async () => {
    reference = await loadReference(graphqlClient(url), analyst, 2026);
  });
  const draw = (seed: string, at: Date, n: number) => {
    const county = countyOf(reference, today, randomStream(`${seed}/setup`));
    const random = randomStream(seed);
    return Array.from({ length: n }, (_, i) => county.newCase(random, at, `draw-${i}`));
  };
  const share = (cases: ReturnType<typeof draw>, test: (c: ReturnType<typeof draw>[number]) => boolean) =>
    cases.filter(test).length / cases.length;

  it('draws the same cases from the same seed, other cases from another', () => {
    const first = draw('a', morning, 200);
    expect(draw('a', morning, 200)).toEqual(first);
    expect(draw('b', morning, 200)).not.toEqual(first);
  });

  const channelShares = (cases: ReturnType<typeof draw>) => {
    const shares: Record<string, number> = {};
    for (const c of cases) shares[c.input.channel] = (shares[c.input.channel] ?? 0) + 1 / cases.length;
    return shares;
  };

  it('follows the seed’s mix on a working morning: every channel, the windows busiest, one-network', () => {
    const cases = draw('mix', morning, 4000);
    const shares = channelShares(cases);
    expect(Object.keys(shares).sort()).toEqual(
      ['BANK_BRANCH', 'CROSS_PROVINCE', 'MOBILE', 'SELF_SERVICE', 'VILLAGE_AGENT', 'WEB', 'WINDOW'].sort(),
    );
    const { WINDOW = 0, ...others } = shares;
    for (const [channel, other] of Object.entries(others)) expect(WINDOW, channel).toBeGreaterThan(other);
    expect(share(cases, (c) => c.input.oneNetwork)).toBeGreaterThan(0.95);
    expect(share(cases, (c) => c.input.oneNetwork)).toBeLessThan(1);
    expect(share(cases, (c) => c.townshipCode !== null)).toBeGreaterThan(0.1);
    expect(share(cases, (c) => c.townshipCode !== null)).toBeLessThan(0.4);
    // Firms apply for the enterprise items: those cases name a firm of the grid.
    const firms = new Set(reference.enterprises.map((e) => e.creditCode));
    const enterprise = cases.filter((c) => c.input.applicantKind === 'ENTERPRISE');
    expect(enterprise.length / cases.length).toBeGreaterThan(0.1);
    for (const c of enterprise) expect(firms.has(c.input.enterpriseCreditCode as string)).toBe(true);
  });

  it('follows the time of day and the kind of day', () => {
    const night = draw('night', new Date('2026-11-27T03:00:00+08:00'), 1000);
    expect(Object.keys(channelShares(night)).sort()).toEqual(['MOBILE', 'SELF_SERVICE', 'WEB']);
    const evening = channelShares(draw('evening', new Date('2026-11-27T21:00:00+08:00'), 2000));
    expect(evening.MOBILE).toBeGreaterThan(0.5);
    expect(evening.WINDOW).toBeUndefined();
    // Saturday: the county centre keeps a few windows open (周末不打烊), the townships' are shut.
    const saturday = draw('saturday', new Date('2026-11-28T10:00:00+08:00'), 2000);
    expect(channelShares(saturday).WINDOW).toBeLessThan(0.2);
    expect(saturday.filter((c) => c.input.channel === 'WINDOW' && c.townshipCode !== null)).toEqual([]);
  });

  it('receives counter cases at the places of their kind', () => {
    const points = new Map(reference.points.map((point) => [point.code, point]));
    for (const c of draw('places', morning, 3000)) {
      const point = c.input.servicePointCode ? points.get(c.input.servicePointCode) : null;
      const expected = {
        WEB: null,
        MOBILE: null,
        CROSS_PROVINCE: null,
        WINDOW: 'SERVICE_HALL',
        BANK_BRANCH: 'BANK_BRANCH',
        VILLAGE_AGENT: 'VILLAGE_STATION',
        SELF_SERVICE: 'SELF_SERVICE_KIOSK',
      }[c.input.channel];
      expect(point?.kind ?? null, `${c.kind} at ${c.input.servicePointCode}`).toBe(expected);
      expect(c.input.partnerRegionCode !== null).toBe(c.input.channel === 'CROSS_PROVINCE');
    }
  });
});
