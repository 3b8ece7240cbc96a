// What happens in the county, drawn from the seed's own distributions (prisma/seed): which kind
// of case comes in at this moment (channel and level by the year's volumes, the kind of day and
// the time-of-day curves), its item, place and applicant; policy payments sized like the seed's;
// firms going on and off the blacklist; slips issued and answered. Everything is chosen here from
// the reference data the API returned, so every record is one the hub accepts.
import { addWorkdays, type Day, dayKind, dayOf, startOfDay } from '../../../prisma/seed/calendar.ts';
import {
  type CaseKind,
  caseKinds,
  crossItemWeight,
  itemWeight,
  offersItem,
  PROFILES,
  shareBefore,
  yearTotals,
} from '../../../prisma/seed/cases.ts';
import {
  catalogueBundles,
  catalogueItems,
  type Item,
  type Bundle as SeedBundle,
} from '../../../prisma/seed/catalogue.ts';
import {
  LIST_REASONS,
  LISTING_DEPARTMENTS,
  LISTING_WEIGHTS,
  removalReason,
} from '../../../prisma/seed/credit.ts';
import {
  amountWeight,
  LATER_PAYMENTS,
  MECHANISM_WEIGHTS,
  MECHANISMS,
  payablePolicies,
} from '../../../prisma/seed/funds.ts';
import { idNumber, mobilePhone, personName } from '../../../prisma/seed/names.ts';
import { SLIP_REPLIES, SLIP_WORKDAYS } from '../../../prisma/seed/problems.ts';
import type { Random } from '../../../prisma/seed/random.ts';
import { slipMachine } from '../writes/machines.ts';
import type { BlacklistEntry, Channel, Reference, ServicePoint, Slip, SlipStatus } from './reference.ts';

/** A new case as the one-network platform pushes it (ServiceCaseInput). */
export interface CaseInput {
  externalId: string;
  itemCode: string;
  bundleCode: string | null;
  regionCode: string;
  servicePointCode: string | null;
  partnerRegionCode: string | null;
  channel: Channel;
  oneNetwork: boolean;
  applicantKind: 'PERSON' | 'ENTERPRISE' | 'ORGANISATION';
  applicantName: string;
  applicantIdNumber: string;
  applicantPhone: string;
  enterpriseCreditCode: string | null;
  status: 'SUBMITTED' | 'COMPLETED';
  submittedAt: string;
  acceptedAt?: string;
  approvedAt?: string;
  completedAt?: string;
}

export interface NewCase {
  input: CaseInput;
  /** The seed's kind of case, e.g. WEB_TOWNSHIP, BANK, BUNDLE_YJS-CS. */
  kind: string;
  /** The township the case counts for; null at county level. */
  townshipCode: string | null;
}

interface Place {
  regionCode: string;
  townshipCode: string | null;
  pointCode: string | null;
}

/** One kind of case with what it draws from. */
interface KindPlan {
  kind: CaseKind;
  /** Cases of the kind in a year. */
  volume: number;
  /** Chance that a case of the kind is on paper (not one-network). */
  offline: number;
  choices: Array<{ itemCode: string; partnerCode: string | null }>;
  weights: number[];
  place(random: Random): Place;
}

/** Share of township web and mobile cases filed under the village rather than the township. */
const VILLAGE_SHARE = 3 / 8;
/** Share of non-enterprise applicants that are organisations. */
const ORGANISATION_SHARE = 1 / 64;
/** The window of the time-of-day curves that sets the mix of the moment, in seconds. */
const MIX_WINDOW = 600;

/**
 * The seed's catalogue entries by code (which items firms apply for) and its bundles (their
 * channel and yearly volume). A hub not seeded by this seed has neither: its items then count
 * as items for people and it gets no bundle cases.
 */
function seedCatalogue(reference: Reference): { items: Map<string, Item>; bundles: SeedBundle[] } {
  const departments = new Map(reference.departments.map((d, i) => [d.code, { id: i + 1, ...d }]));
  try {
    const items = catalogueItems(departments);
    return { items: new Map(items.map((item) => [item.code, item])), bundles: catalogueBundles(items) };
  } catch {
    return { items: new Map(), bundles: [] };
  }
}

/** The county as the simulator drives it; `today` is the server's day, `setup` a random stream for sizing. */
export function countyOf(reference: Reference, today: Day, setup: Random) {
  const year = Number(today.slice(0, 4));
  const seed = seedCatalogue(reference);
  const items = new Map(reference.items.map((item) => [item.code, item]));
  const apiBundles = new Map(reference.bundles.map((bundle) => [bundle.code, bundle]));
  const bundles = seed.bundles.filter((b) => b.launchedOn <= today && apiBundles.has(b.code));
  const kinds = caseKinds(bundles);
  const { total, oneNetwork, totals } = yearTotals(kinds, year, 1);
  // Paper cases come in at the counters in proportion to their propensity, so that the year's
  // one-network rate holds on average.
  const paperWeight = kinds.reduce((sum, kind) => sum + (totals.get(kind) ?? 0) * kind.offline, 0);
  const paperScale = paperWeight > 0 ? (total - oneNetwork) / paperWeight : 0;

  const byKind = (kind: ServicePoint['kind']) => reference.points.filter((point) => point.kind === kind);
  const halls = byKind('SERVICE_HALL');
  const countyHall = halls.find((hall) => hall.hallLevel === 'COUNTY') ?? null;
  const townshipHall = new Map(
    halls.filter((hall) => hall.hallLevel === 'TOWNSHIP').map((hall) => [hall.townshipCode, hall]),
  );
  const stations = new Map(byKind('VILLAGE_STATION').map((station) => [station.regionCode, station]));
  const kiosks = byKind('SELF_SERVICE_KIOSK');
  const countyKiosks = kiosks.filter((kiosk) => kiosk.townshipCode === null);
  const townshipKiosks = kiosks.filter((kiosk) => kiosk.townshipCode !== null);
  const branches = byKind('BANK_BRANCH').filter((branch) => branch.townshipCode !== null);
  const villages = reference.villages;
  const populations = villages.map((village) => village.population);
  const county = (pointCode: string | null): Place => ({
    regionCode: reference.countyCode,
    townshipCode: null,
    pointCode,
  });
  const atPoint = (point: ServicePoint): Place => ({
    regionCode: point.regionCode,
    townshipCode: point.townshipCode,
    pointCode: point.code,
  });

  /** Where a case of the kind is filed and received; null when the county has no such place. */
  function placer(kind: CaseKind): ((random: Random) => Place) | null {
    const village = (random: Random) => random.weighted(villages, populations);
    switch (kind.key) {
      case 'WEB_TOWNSHIP':
      case 'MOBILE_TOWNSHIP':
        return villages.length === 0
          ? null
          : (random) => {
              const v = village(random);
              const regionCode = random.chance(VILLAGE_SHARE) ? v.code : v.townshipCode;
              return { regionCode, townshipCode: v.townshipCode, pointCode: null };
            };
      case 'WINDOW_TOWNSHIP':
        return villages.length === 0
          ? null
          : (random) => {
              const { townshipCode } = village(random);
              const hall = townshipHall.get(townshipCode) ?? countyHall;
              return { regionCode: townshipCode, townshipCode, pointCode: hall?.code ?? null };
            };
      case 'VILLAGE_AGENT':
        return villages.length === 0
          ? null
          : (random) => {
              const v = village(random);
              return {
                regionCode: v.code,
                townshipCode: v.townshipCode,
                pointCode: stations.get(v.code)?.code ?? null,
              };
            };
      case 'KIOSK_TOWNSHIP':
        return townshipKiosks.length === 0 ? null : (random) => atPoint(random.pick(townshipKiosks));
      case 'KIOSK_COUNTY':
        return countyKiosks.length === 0 ? null : (random) => county(random.pick(countyKiosks).code);
      case 'BANK':
        return branches.length === 0 ? null : (random) => atPoint(random.pick(branches));
      default:
        return kind.channel === 'WINDOW' ? () => county(countyHall?.code ?? null) : () => county(null);
    }
  }

  /** The items a kind's cases are for, weighted as the seed weights them. */
  function choicesOf(kind: CaseKind): Pick<KindPlan, 'choices' | 'weights'> {
    const allows = (code: string) => items.get(code)?.channels.includes(kind.channel) ?? false;
    const forEnterprise = (code: string) => seed.items.get(code)?.forEnterprise ?? false;
    const entries: Array<{ itemCode: string; partnerCode: string | null; weight: number }> = [];
    if (kind.bundle) {
      for (const code of apiBundles.get(kind.bundle.code)?.itemCodes ?? []) {
        if (allows(code)) entries.push({ itemCode: code, partnerCode: null, weight: 1 });
      }
    } else if (kind.channel === 'CROSS_PROVINCE') {
      for (const partner of reference.partners) {
        for (const code of partner.itemCodes) {
          const item = items.get(code);
          if (item && allows(code)) {
            entries.push({
              itemCode: code,
              partnerCode: partner.code,
              weight: crossItemWeight(item, partner.bordering),
            });
          }
        }
      }
    } else {
      for (const item of reference.items) {
        const offered =
          kind.channel === 'BANK_BRANCH'
            ? item.channels.includes('BANK_BRANCH')
            : offersItem(kind, { channels: item.channels, levels: item.levels });
        if (offered) {
          const weight = itemWeight(
            { highFrequency: item.highFrequency, forEnterprise: forEnterprise(item.code) },
            kind.channel,
          );
          entries.push({ itemCode: item.code, partnerCode: null, weight });
        }
      }
    }
    return {
      choices: entries.map(({ itemCode, partnerCode }) => ({ itemCode, partnerCode })),
      weights: entries.map((entry) => entry.weight),
    };
  }

  const plans: KindPlan[] = [];
  for (const kind of kinds) {
    const place = placer(kind);
    const { choices, weights } = choicesOf(kind);
    if (!place || choices.length === 0) continue;
    plans.push({
      kind,
      volume: totals.get(kind) ?? 0,
      offline: Math.min(1, kind.offline * paperScale),
      choices,
      weights,
      place,
    });
  }
  if (plans.length === 0) throw new Error('the hub offers no items on any channel: nothing to simulate');

  /** How many cases of each kind come in around an instant, relative to each other. */
  function kindWeights(now: Date): number[] {
    const day = dayOf(now);
    const second = (now.getTime() - startOfDay(day).getTime()) / 1000;
    const until = Math.min(86_400, second + MIX_WINDOW);
    const type = dayKind(day);
    return plans.map((plan) => {
      const profile = PROFILES[plan.kind.profile];
      const share = shareBefore(profile, until) - shareBefore(profile, until - MIX_WINDOW);
      return plan.volume * plan.kind.dayWeights[type] * share;
    });
  }

  /** A case submitted now, as the platform would push it. */
  function newCase(random: Random, now: Date, externalId: string): NewCase {
    let weights = kindWeights(now);
    // Late on a holiday night nothing may be due; the online channels still take the odd case.
    if (!weights.some((w) => w > 0))
      weights = plans.map((plan) => (plan.kind.offline === 0 ? plan.volume : 0));
    const plan = random.weighted(plans, weights);
    const choice = random.weighted(plan.choices, plan.weights);
    const place = plan.place(random);
    const oneNetwork = !random.chance(plan.offline);
    const firm =
      (seed.items.get(choice.itemCode)?.forEnterprise ?? false) && reference.enterprises.length > 0;
    const applicantKind = firm ? 'ENTERPRISE' : random.chance(ORGANISATION_SHARE) ? 'ORGANISATION' : 'PERSON';
    return {
      kind: plan.kind.key,
      townshipCode: place.townshipCode,
      input: {
        externalId,
        itemCode: choice.itemCode,
        bundleCode: plan.kind.bundle?.code ?? null,
        regionCode: place.regionCode,
        servicePointCode: place.pointCode,
        partnerRegionCode: choice.partnerCode,
        channel: plan.kind.channel as Channel,
        oneNetwork,
        applicantKind,
        applicantName: personName(random),
        applicantIdNumber: idNumber(random),
        applicantPhone: mobilePhone(random),
        enterpriseCreditCode: firm ? random.pick(reference.enterprises).creditCode : null,
        status: 'SUBMITTED',
        submittedAt: now.toISOString(),
      },
    };
  }

  // Payments: the seed spreads a year's total over the payments by their weights; one payment
  // here is its weight times the year's total per unit of weight, the mean weight sampled once.
  const payable = payablePolicies(reference.policies, year);
  const eligible = reference.enterprises.filter((firm) => firm.registeredOn < `${year}-01-01`);
  const meanWeight =
    eligible.length === 0
      ? 1
      : Array.from({ length: 2000 }, (_, i) =>
          amountWeight(setup, eligible[i % eligible.length] as (typeof eligible)[number]),
        ).reduce((sum, w) => sum + w, 0) / 2000;
  const yuanPerWeight =
    LATER_PAYMENTS.totalYuan / (LATER_PAYMENTS.firms * LATER_PAYMENTS.perFirm * meanWeight);

  /** A payment of a policy now paying to a firm registered before this year; null when there is none. */
  function newDisbursement(random: Random, day: Day, externalId: string) {
    if (payable.length === 0 || eligible.length === 0) return null;
    const policy = random.pick(payable);
    const firm = random.pick(eligible);
    const yuan = Math.max(500, Math.round(amountWeight(random, firm) * yuanPerWeight));
    return {
      externalId,
      policyCode: policy.code,
      enterpriseCreditCode: firm.creditCode,
      amountFen: String(BigInt(yuan) * 100n),
      paidOn: day,
      mechanism: random.weighted(MECHANISMS, MECHANISM_WEIGHTS),
      paidOnline: policy.paidOnline,
    };
  }

  const departments = new Set(reference.departments.map((d) => d.code));
  const listing = LISTING_DEPARTMENTS.map((code, i) => ({ code, weight: LISTING_WEIGHTS[i] ?? 0 })).filter(
    (d) => departments.has(d.code),
  );

  /** A firm of the credit base not on the list going on it today; null when none is found. */
  function newListing(random: Random, day: Day, externalId: string, listed: ReadonlyMap<string, number>) {
    if (listing.length === 0 || reference.creditBase.length === 0) return null;
    for (let attempt = 0; attempt < 20; attempt++) {
      const subject = random.pick(reference.creditBase);
      if (listed.has(subject)) continue;
      const department = random.weighted(
        listing.map((d) => d.code),
        listing.map((d) => d.weight),
      );
      return {
        externalId,
        subjectCreditCode: subject,
        sourceDepartmentCode: department,
        reason: random.pick(LIST_REASONS[department] ?? ['严重失信行为']),
        listedOn: day,
      };
    }
    return null;
  }

  /** The removal of an entry today, with a reason as the seed gives them. */
  function removal(random: Random, entry: BlacklistEntry, day: Day) {
    return {
      externalId: entry.externalId,
      removedOn: day,
      removalReason: removalReason(random.next(), entry.departmentCode),
    };
  }

  const problems = reference.problems.some((p) => p.source === 'COUNTY_POOL')
    ? reference.problems.filter((p) => p.source === 'COUNTY_POOL')
    : reference.problems;

  /** A new slip on an unsolved problem (the county pool's first), to its owner department. */
  function newSlip(random: Random, day: Day, code: string) {
    if (problems.length === 0) return null;
    const problem = random.pick(problems);
    return {
      code,
      problemCode: problem.code,
      departmentCode: problem.departmentCode,
      issuedOn: day,
      deadline: addWorkdays(day, random.int(...SLIP_WORKDAYS)),
    };
  }

  /** The next step of a slip, with the department's reply when it answers. */
  function slipStep(random: Random, slip: Slip): { to: SlipStatus; note: string | null } | null {
    const to = slipMachine.edges[slip.status][0];
    if (!to) return null;
    return { to, note: to === 'REPLIED' ? random.pick(SLIP_REPLIES) : null };
  }

  return {
    kinds: plans.map((plan) => plan.kind.key),
    kindWeights,
    newCase,
    newDisbursement,
    newListing,
    removal,
    newSlip,
    slipStep,
  };
}

/** The case completed now: accepted and approved between its submission and now. */
export function completed(input: CaseInput, now: Date): CaseInput {
  const submitted = Date.parse(input.submittedAt);
  const span = Math.max(0, now.getTime() - submitted);
  const at = (share: number) => new Date(submitted + Math.floor(span * share)).toISOString();
  return {
    ...input,
    status: 'COMPLETED',
    acceptedAt: at(0.2),
    approvedAt: at(0.7),
    completedAt: now.toISOString(),
  };
}
