// The simulator's core (`pnpm simulate`, cli/simulate.ts): a steady stream of realistic events
// through the public GraphQL API, so a demo's big screen comes alive. Mostly new cases; some of
// them completed a little later; slips issued and moved along their state machine; policy
// payments; firms going on and off the blacklist. Cases, payments and list entries are written
// as the source systems that fed them (INTEGRATION tokens); slips have no source system and
// their verification is the office's, so they are written with a STAFF token.
//
// The same seed against the same data at the same time of day draws the same events; which
// earlier record a completion or a step picks can depend on how fast the hub answers.
import { type Day, dayOf } from '../../../prisma/seed/calendar.ts';
import { type Random, randomStream } from '../../../prisma/seed/random.ts';
import { mintToken, signingSecret } from '../auth.ts';
import { ApiError, type GraphQLClient, graphqlClient, serverClock } from './client.ts';
import { type CaseInput, completed, countyOf } from './county.ts';
import { type BlacklistEntry, loadReference, type Slip, type SlipStatus } from './reference.ts';

export const eventKinds = [
  'case',
  'completion',
  'slipIssue',
  'slipStep',
  'disbursement',
  'listing',
  'removal',
] as const;
export type EventKind = (typeof eventKinds)[number];

const kindNames: Record<EventKind, [string, string]> = {
  case: ['case', 'cases'],
  completion: ['completion', 'completions'],
  slipIssue: ['new slip', 'new slips'],
  slipStep: ['slip step', 'slip steps'],
  disbursement: ['payment', 'payments'],
  listing: ['listing', 'listings'],
  removal: ['removal', 'removals'],
};

/** What the stream is made of; a slip event issues a slip or moves one on. */
export type MixKind = 'case' | 'completion' | 'slip' | 'disbursement' | 'listing' | 'removal';

/**
 * Shares of the stream. Cases dominate as they do in the county; the rarer events come far more
 * often than in reality (a few list changes a month), or the screen would never show them.
 */
export const defaultMix: Readonly<Record<MixKind, number>> = {
  case: 0.7,
  completion: 0.14,
  slip: 0.06,
  disbursement: 0.05,
  listing: 0.025,
  removal: 0.025,
};
/** Of the slip events, the share that moves an open slip on rather than issuing a new one. */
const STEP_SHARE = 0.75;

export interface SimulateOptions {
  /** The hub's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** One token for every read and write; by default tokens are minted with `secret`. */
  token?: string | undefined;
  /** The token for slips (STAFF or ADMIN); `token` by default. */
  staffToken?: string | undefined;
  /** The hub's signing secret for minted tokens; HUB_JWT_SECRET or the development default. */
  secret?: string | undefined;
  /** Events a second, all kinds together. @default 5 */
  rate?: number;
  /** Seconds to run; until `signal` aborts by default. */
  duration?: number | undefined;
  /** Same seed, same events (given the same data and time of day). @default a random one */
  seed?: string | undefined;
  signal?: AbortSignal;
  /** Requests in flight at most. @default 8 */
  concurrency?: number;
  /** Shares of the stream by kind of event, over `defaultMix`. */
  mix?: Partial<Record<MixKind, number>>;
  /** Seconds after which a case may be completed, at least and at most. @default [5, 120] */
  completeAfter?: readonly [number, number];
  /** Seconds between summary lines. @default 10 */
  summaryEvery?: number;
  /** Where progress lines go. @default console.log */
  log?: (line: string) => void;
}

export interface SimulatedCase {
  externalId: string;
  /** The seed's kind of case, e.g. WEB_TOWNSHIP. */
  kind: string;
  channel: string;
  itemCode: string;
  regionCode: string;
  townshipCode: string | null;
  servicePointCode: string | null;
  partnerRegionCode: string | null;
  bundleCode: string | null;
  oneNetwork: boolean;
  status: 'SUBMITTED' | 'COMPLETED';
}

export interface SimulationReport {
  runId: string;
  seed: string;
  elapsedSeconds: number;
  /** Events sent per second, achieved. */
  rate: number;
  sent: Record<EventKind, number>;
  succeeded: Record<EventKind, number>;
  /** Refusals and failures by code: how many, of which kinds, and the first message. */
  errors: Record<string, { count: number; message: string; kinds: Partial<Record<EventKind, number>> }>;
  /** The source system each feed wrote as. */
  sources: { cases: string; funds: string; credit: string };
  /** Cases written, with their status at the end. */
  cases: SimulatedCase[];
  slipsIssued: Array<{ id: string; code: string; problemCode: string }>;
  slipSteps: Array<{ id: string; code: string; from: SlipStatus; to: SlipStatus }>;
  disbursements: Array<{
    externalId: string;
    policyCode: string;
    enterpriseCreditCode: string;
    amountFen: string;
  }>;
  listings: Array<{ id: string; externalId: string; subjectCreditCode: string }>;
  removals: Array<{ id: string; externalId: string; subjectCreditCode: string }>;
}

interface Feed {
  token: string;
  source: string;
}

/** The tokens to write with: the one given for all, or INTEGRATION tokens per source and a STAFF one. */
async function feeds(
  client: GraphQLClient,
  options: SimulateOptions,
  sources: { cases: string | null; funds: string | null; credit: string | null },
  minted: string | null,
): Promise<{ cases: Feed; funds: Feed; credit: Feed }> {
  const fallback = 'simulator';
  if (options.token) {
    const { me } = await client.request<{ me: { sourceSystem: string | null } | null }>(
      options.token,
      '{ me { sourceSystem } }',
    );
    const own = me?.sourceSystem ?? null;
    const feed = (source: string | null): Feed => ({
      token: options.token as string,
      source: own ?? source ?? fallback,
    });
    return { cases: feed(sources.cases), funds: feed(sources.funds), credit: feed(sources.credit) };
  }
  const feed = async (source: string | null): Promise<Feed> => {
    const system = source ?? fallback;
    const token = await mintToken(minted as string, {
      subject: `simulator-${system}`,
      role: 'INTEGRATION',
      sourceSystem: system,
    });
    return { token, source: system };
  };
  return {
    cases: await feed(sources.cases),
    funds: await feed(sources.funds),
    credit: await feed(sources.credit),
  };
}

const zero = () => Object.fromEntries(eventKinds.map((kind) => [kind, 0])) as Record<EventKind, number>;

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

const CASE_MUTATION = `mutation ($input: ServiceCaseInput!, $source: String) {
  upsertServiceCase(input: $input, sourceSystem: $source) { version } }`;
const SLIP_MUTATION = `mutation ($input: AssignmentSlipInput!) {
  upsertAssignmentSlip(input: $input) { version assignmentSlip { id } } }`;
const STEP_MUTATION = `mutation ($id: ID!, $to: SlipStatus!, $version: Int!, $note: String) {
  transitionAssignmentSlip(id: $id, to: $to, expectedVersion: $version, note: $note) { version } }`;
const PAYMENT_MUTATION = `mutation ($input: DisbursementInput!, $source: String) {
  upsertDisbursement(input: $input, sourceSystem: $source) { version } }`;
const LISTING_MUTATION = `mutation ($input: BlacklistEntryInput!, $source: String) {
  upsertBlacklistEntry(input: $input, sourceSystem: $source) { version blacklistEntry { id } } }`;
const REMOVAL_MUTATION = `mutation ($input: BlacklistRemovalInput!, $source: String, $version: Int) {
  removeBlacklistEntry(input: $input, sourceSystem: $source, expectedVersion: $version) { version } }`;

/** Runs the stream until `duration` has passed or `signal` aborts; resolves with what was done. */
export async function simulate(options: SimulateOptions): Promise<SimulationReport> {
  const rate = options.rate ?? 5;
  if (!(rate > 0)) throw new RangeError(`rate must be a positive number of events a second, got ${rate}`);
  const concurrency = options.concurrency ?? 8;
  const [completeMin, completeMax] = options.completeAfter ?? [5, 120];
  const log = options.log ?? ((line: string) => console.log(line));
  const seed = options.seed ?? Math.floor(Math.random() * 1e9).toString(36);
  const client = graphqlClient(options.url);
  const mix = Object.entries({ ...defaultMix, ...options.mix }) as Array<[MixKind, number]>;
  // A case is meant for completion as often as completions come, relative to new cases.
  const completing = Math.min(
    1,
    (options.mix?.completion ?? defaultMix.completion) / (options.mix?.case ?? defaultMix.case),
  );

  const clock = await serverClock(options.url);
  const started = clock.now();
  const runId = started.getTime().toString(36);
  const minted = options.token ? null : (options.secret ?? signingSecret(process.env));
  const staff = options.token
    ? (options.staffToken ?? options.token)
    : await mintToken(minted as string, { subject: 'simulator-staff', role: 'STAFF' });
  const reader = options.token ?? staff;
  const reference = await loadReference(client, reader, Number(dayOf(started).slice(0, 4)));
  const feed = await feeds(client, options, reference.sources, minted);
  const staffRole = options.token
    ? ((await client.request<{ me: { role: string } | null }>(staff, '{ me { role } }')).me?.role ??
      'unknown')
    : 'STAFF';
  const county = countyOf(reference, dayOf(started), randomStream(`simulate/${seed}/setup`));
  const random: Random = randomStream(`simulate/${seed}`);
  log(
    `simulating ${rate} events/s at ${options.url} (seed ${seed}, run ${runId}): cases as ${feed.cases.source}, ` +
      `payments as ${feed.funds.source}, list entries as ${feed.credit.source}, slips as ${staffRole}`,
  );

  // What the stream works on; a record being written is out of its pool until the hub answers.
  const pending: Array<{ input: CaseInput; readyAt: number }> = [];
  const slips: Slip[] = [...reference.slips];
  const listedCount = new Map<string, number>();
  for (const entry of reference.blacklist) {
    listedCount.set(entry.subjectCreditCode, (listedCount.get(entry.subjectCreditCode) ?? 0) + 1);
  }
  const removable: BlacklistEntry[] = reference.blacklist.filter(
    (e) => e.sourceSystem === feed.credit.source,
  );

  const sent = zero();
  const succeeded = zero();
  const errors = new Map<string, SimulationReport['errors'][string]>();
  const cases = new Map<string, SimulatedCase>();
  const report = {
    slipsIssued: [] as SimulationReport['slipsIssued'],
    slipSteps: [] as SimulationReport['slipSteps'],
    disbursements: [] as SimulationReport['disbursements'],
    listings: [] as SimulationReport['listings'],
    removals: [] as SimulationReport['removals'],
  };

  const refused = (kind: EventKind, error: unknown) => {
    const code = error instanceof ApiError ? error.code : 'INTERNAL';
    const message = (error as Error).message;
    const seen = errors.get(code);
    if (seen) {
      seen.count++;
      seen.kinds[kind] = (seen.kinds[kind] ?? 0) + 1;
    } else {
      errors.set(code, { count: 1, message, kinds: { [kind]: 1 } });
      const hint =
        code === 'FORBIDDEN' && (kind === 'slipStep' || kind === 'slipIssue')
          ? ' (slips take a STAFF or ADMIN token: --staff-token)'
          : '';
      log(`refused ${kindNames[kind][0]} (${code}): ${message}${hint}`);
    }
  };

  type Task = { kind: EventKind; run: () => Promise<void> };

  function newCase(now: Date, externalId: string): Task {
    const drawn = county.newCase(random, now, externalId);
    const willComplete = random.chance(completing);
    const readyAt = Date.now() + (completeMin + random.next() * (completeMax - completeMin)) * 1000;
    return {
      kind: 'case',
      run: async () => {
        const { input } = drawn;
        await client.request(feed.cases.token, CASE_MUTATION, { input, source: feed.cases.source });
        cases.set(externalId, {
          externalId,
          kind: drawn.kind,
          channel: input.channel,
          itemCode: input.itemCode,
          regionCode: input.regionCode,
          townshipCode: drawn.townshipCode,
          servicePointCode: input.servicePointCode,
          partnerRegionCode: input.partnerRegionCode,
          bundleCode: input.bundleCode,
          oneNetwork: input.oneNetwork,
          status: 'SUBMITTED',
        });
        if (willComplete) pending.push({ input, readyAt });
      },
    };
  }

  function completion(now: Date): Task | null {
    const index = pending.findIndex((p) => p.readyAt <= Date.now());
    if (index < 0) return null;
    const { input } = pending.splice(index, 1)[0] as { input: CaseInput };
    return {
      kind: 'completion',
      run: async () => {
        await client.request(feed.cases.token, CASE_MUTATION, {
          input: completed(input, now),
          source: feed.cases.source,
        });
        const simulated = cases.get(input.externalId);
        if (simulated) simulated.status = 'COMPLETED';
      },
    };
  }

  function slipEvent(day: Day, externalId: string): Task | null {
    if (slips.length > 0 && random.chance(STEP_SHARE)) {
      const slip = slips.splice(random.int(0, slips.length - 1), 1)[0] as Slip;
      const step = county.slipStep(random, slip);
      if (!step) return null;
      return {
        kind: 'slipStep',
        run: async () => {
          const result = await client.request<{ transitionAssignmentSlip: { version: number } }>(
            staff,
            STEP_MUTATION,
            { id: slip.id, to: step.to, version: slip.version, note: step.note },
          );
          report.slipSteps.push({ id: slip.id, code: slip.code, from: slip.status, to: step.to });
          if (step.to !== 'CLOSED') {
            slips.push({ ...slip, status: step.to, version: result.transitionAssignmentSlip.version });
          }
        },
      };
    }
    const input = county.newSlip(random, day, externalId);
    if (!input) return null;
    return {
      kind: 'slipIssue',
      run: async () => {
        const result = await client.request<{
          upsertAssignmentSlip: { version: number; assignmentSlip: { id: string } };
        }>(staff, SLIP_MUTATION, { input });
        const { id } = result.upsertAssignmentSlip.assignmentSlip;
        report.slipsIssued.push({ id, code: input.code, problemCode: input.problemCode });
        slips.push({ id, code: input.code, status: 'ISSUED', version: result.upsertAssignmentSlip.version });
      },
    };
  }

  function disbursement(day: Day, externalId: string): Task | null {
    const input = county.newDisbursement(random, day, externalId);
    if (!input) return null;
    return {
      kind: 'disbursement',
      run: async () => {
        await client.request(feed.funds.token, PAYMENT_MUTATION, { input, source: feed.funds.source });
        const { policyCode, enterpriseCreditCode, amountFen } = input;
        report.disbursements.push({ externalId, policyCode, enterpriseCreditCode, amountFen });
      },
    };
  }

  function listing(day: Day, externalId: string): Task | null {
    const input = county.newListing(random, day, externalId, listedCount);
    if (!input) return null;
    const subject = input.subjectCreditCode;
    listedCount.set(subject, 1);
    return {
      kind: 'listing',
      run: async () => {
        try {
          const result = await client.request<{
            upsertBlacklistEntry: { version: number; blacklistEntry: { id: string } };
          }>(feed.credit.token, LISTING_MUTATION, { input, source: feed.credit.source });
          const { id } = result.upsertBlacklistEntry.blacklistEntry;
          report.listings.push({ id, externalId, subjectCreditCode: subject });
          removable.push({
            id,
            externalId,
            sourceSystem: feed.credit.source,
            listedOn: day,
            version: result.upsertBlacklistEntry.version,
            subjectCreditCode: subject,
            departmentCode: input.sourceDepartmentCode,
          });
        } catch (error) {
          listedCount.delete(subject);
          throw error;
        }
      },
    };
  }

  function removal(day: Day): Task | null {
    // Only firms with this one entry: their removal takes them off the list.
    const candidates = removable
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => entry.listedOn <= day && listedCount.get(entry.subjectCreditCode) === 1);
    if (candidates.length === 0) return null;
    const { entry, index } = random.pick(candidates);
    removable.splice(index, 1);
    const input = county.removal(random, entry, day);
    return {
      kind: 'removal',
      run: async () => {
        await client.request(feed.credit.token, REMOVAL_MUTATION, {
          input,
          source: feed.credit.source,
          version: entry.version,
        });
        listedCount.delete(entry.subjectCreditCode);
        report.removals.push({
          id: entry.id,
          externalId: entry.externalId,
          subjectCreditCode: entry.subjectCreditCode,
        });
      },
    };
  }

  /** The next event: drawn from the mix; a kind with nothing to act on gives way to a new case. */
  function next(n: number): Task {
    const now = clock.now();
    const day = dayOf(now);
    const externalId = `sim-${runId}-${n}`;
    const drawn = random.weighted(
      mix.map(([kind]) => kind),
      mix.map(([, share]) => share),
    );
    const task =
      drawn === 'completion'
        ? completion(now)
        : drawn === 'slip'
          ? slipEvent(day, externalId)
          : drawn === 'disbursement'
            ? disbursement(day, externalId)
            : drawn === 'listing'
              ? listing(day, externalId)
              : drawn === 'removal'
                ? removal(day)
                : null;
    return task ?? newCase(now, externalId);
  }

  const begun = performance.now();
  const elapsed = () => (performance.now() - begun) / 1000;
  const summary = (prefix: string) => {
    const seconds = elapsed();
    const total = eventKinds.reduce((sum, kind) => sum + sent[kind], 0);
    const kinds = eventKinds
      .filter((kind) => sent[kind] > 0)
      .map((kind) => `${sent[kind]} ${kindNames[kind][sent[kind] === 1 ? 0 : 1]}`);
    const failures = [...errors].map(([code, { count, kinds: refusedKinds }]) => {
      const which = Object.entries(refusedKinds).map(
        ([kind, n]) => `${n} ${kindNames[kind as EventKind][n === 1 ? 0 : 1]}`,
      );
      return `${code} ×${count} (${which.join(', ')})`;
    });
    return (
      `${prefix} ${total} events in ${seconds.toFixed(0)} s (${(total / Math.max(seconds, 0.001)).toFixed(1)}/s)` +
      `${kinds.length > 0 ? `: ${kinds.join(', ')}` : ''}; ${failures.length > 0 ? `errors: ${failures.join(', ')}` : 'no errors'}`
    );
  };
  const ticker = setInterval(
    () => {
      log(summary('…'));
      clock.sync().catch(() => {});
    },
    (options.summaryEvery ?? 10) * 1000,
  );

  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / rate;
  const ends = options.duration === undefined ? Number.POSITIVE_INFINITY : begun + options.duration * 1000;
  const stopped = () => options.signal?.aborted === true || performance.now() >= ends;
  let due = begun;
  let n = 0;
  try {
    while (!stopped()) {
      await pause(Math.min(due, ends) - performance.now(), options.signal);
      if (stopped()) break;
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      n++;
      const task = next(n);
      sent[task.kind]++;
      const running: Promise<void> = task
        .run()
        .then(
          () => {
            succeeded[task.kind]++;
          },
          (error: unknown) => refused(task.kind, error),
        )
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
      due += interval;
      // After a stall (a slow hub), carry on at the rate rather than catching up in a burst.
      if (performance.now() - due > 1000) due = performance.now();
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(ticker);
  }
  log(summary('simulated'));

  const seconds = elapsed();
  const total = eventKinds.reduce((sum, kind) => sum + sent[kind], 0);
  return {
    runId,
    seed,
    elapsedSeconds: seconds,
    rate: total / Math.max(seconds, 0.001),
    sent,
    succeeded,
    errors: Object.fromEntries(errors),
    sources: { cases: feed.cases.source, funds: feed.funds.source, credit: feed.credit.source },
    cases: [...cases.values()],
    ...report,
  };
}
