// Service cases (办件), pushed by the one-network platform and other systems, keyed by
// (sourceSystem, externalId). A push is a snapshot of the case: it may move the status forward
// along the machine (several steps at once), never back.
import { z } from 'zod';
import { ApplicantKind, CaseStatus, Channel, CitizenRating } from '../../generated/prisma/enums.ts';
import { tableOf } from '../../writes/columns.ts';
import type { TableSpec } from '../../writes/engine.ts';
import { caseMachine, type caseStamps } from '../../writes/machines.ts';
import type { RecordKind } from '../../writes/records.ts';
import * as refs from '../../writes/refs.ts';
import {
  code,
  creditCode,
  idNumber,
  instant,
  optional,
  phone,
  regionCode,
  text,
} from '../../writes/validate.ts';

type Stamp = (typeof caseStamps)[keyof typeof caseStamps];

/** The stamps a case in each status carries; required unless listed as optional. */
const stampsOf: Record<CaseStatus, { required: Stamp[]; optional: Stamp[] }> = {
  SUBMITTED: { required: [], optional: [] },
  ACCEPTED: { required: ['acceptedAt'], optional: [] },
  APPROVED: { required: ['acceptedAt', 'approvedAt'], optional: [] },
  COMPLETED: { required: ['acceptedAt', 'approvedAt', 'completedAt'], optional: [] },
  REJECTED: { required: ['rejectedAt'], optional: ['acceptedAt'] },
  WITHDRAWN: { required: ['withdrawnAt'], optional: ['acceptedAt'] },
};

const stampNames: Record<Stamp, string> = {
  acceptedAt: '受理时间',
  approvedAt: '审批时间',
  completedAt: '办结时间',
  rejectedAt: '不予受理/不予许可时间',
  withdrawnAt: '撤回时间',
};

/** Each stamp follows the one before it on the way to the status. */
const order: Array<[Stamp | 'submittedAt', Stamp]> = [
  ['submittedAt', 'acceptedAt'],
  ['acceptedAt', 'approvedAt'],
  ['approvedAt', 'completedAt'],
  ['submittedAt', 'rejectedAt'],
  ['acceptedAt', 'rejectedAt'],
  ['submittedAt', 'withdrawnAt'],
  ['acceptedAt', 'withdrawnAt'],
];

export const serviceCaseInput = z
  .object({
    externalId: code('办件编号').describe('The case number in its source system (办件编号).'),
    itemCode: code('事项编码').describe('Catalogue code of the service item (事项编码).'),
    bundleCode: optional(code('一件事编码')).describe(
      'Code of the "one thing, one visit" bundle, if opened on one (一件事编码).',
    ),
    regionCode: regionCode('所属区划代码').describe(
      'Administrative division code of where the case belongs (所属区划代码, 12 digits); its township is derived.',
    ),
    servicePointCode: optional(code('服务网点编码')).describe(
      'Code of the service point that received it (服务网点编码).',
    ),
    partnerRegionCode: optional(code('跨省通办合作地区编码')).describe(
      'Code of the partner county, for CROSS_PROVINCE cases only (跨省通办合作地区编码).',
    ),
    channel: z.enum(Channel).describe('Channel of submission (办理渠道).'),
    oneNetwork: z
      .boolean('是否一网通办应为 true 或 false')
      .describe('Handled through the province’s one-network platform (是否一网通办).'),
    applicantKind: z.enum(ApplicantKind).describe('Who applied (申请人类型).'),
    applicantName: optional(text('申请人姓名', 100)).describe(
      'The applicant’s name (申请人姓名); personal data.',
    ),
    applicantIdNumber: optional(idNumber('申请人身份证号')).describe(
      'The applicant’s ID number, 18 characters (身份证号); personal data.',
    ),
    applicantPhone: optional(phone('申请人电话')).describe(
      'The applicant’s phone (联系电话); personal data.',
    ),
    enterpriseCreditCode: optional(creditCode('申请企业统一社会信用代码')).describe(
      'Unified social credit code of the applying firm (统一社会信用代码); linked when the firm is in the grid.',
    ),
    status: z.enum(CaseStatus).describe('Current step (办件状态).'),
    submittedAt: instant('申请时间').describe('When it was submitted (申请时间).'),
    acceptedAt: optional(instant('受理时间')).describe('When it was accepted (受理时间).'),
    approvedAt: optional(instant('审批时间')).describe('When it was approved (审批时间).'),
    completedAt: optional(instant('办结时间')).describe('When it was completed (办结时间).'),
    rejectedAt: optional(instant('不予受理/不予许可时间')).describe(
      'When it was rejected (不予受理/不予许可时间).',
    ),
    withdrawnAt: optional(instant('撤回时间')).describe('When it was withdrawn (撤回时间).'),
    rating: optional(z.enum(CitizenRating)).describe('The applicant’s rating (好差评), if given.'),
    ratedAt: optional(instant('评价时间')).describe('When it was rated (评价时间); with rating only.'),
  })
  .superRefine((input, ctx) => {
    const { required, optional: allowed } = stampsOf[input.status];
    for (const stamp of Object.keys(stampNames) as Stamp[]) {
      const present = input[stamp] !== null;
      if (!present && required.includes(stamp)) {
        ctx.addIssue({
          code: 'custom',
          path: [stamp],
          message: `状态为 ${input.status} 的办件须有${stampNames[stamp]}`,
        });
      }
      if (present && !required.includes(stamp) && !allowed.includes(stamp)) {
        ctx.addIssue({
          code: 'custom',
          path: [stamp],
          message: `状态为 ${input.status} 的办件不应有${stampNames[stamp]}`,
        });
      }
    }
    for (const [earlier, later] of order) {
      const from = input[earlier];
      const to = input[later];
      if (from && to && to < from) {
        ctx.addIssue({
          code: 'custom',
          path: [later],
          message: `${stampNames[later]}不能早于${earlier === 'submittedAt' ? '申请时间' : stampNames[earlier]}`,
        });
      }
    }
    if ((input.rating === null) !== (input.ratedAt === null)) {
      ctx.addIssue({ code: 'custom', path: ['ratedAt'], message: '好差评与评价时间须同时提供' });
    }
    if (input.ratedAt && input.ratedAt < input.submittedAt) {
      ctx.addIssue({ code: 'custom', path: ['ratedAt'], message: '评价时间不能早于申请时间' });
    }
    if ((input.channel === 'CROSS_PROVINCE') !== (input.partnerRegionCode !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['partnerRegionCode'],
        message: '跨省通办（CROSS_PROVINCE）的办件须且仅须填写合作地区编码',
      });
    }
  });

type Parsed = z.output<typeof serviceCaseInput>;

const spec: TableSpec = {
  ...tableOf('ServiceCase', serviceCaseInput, {
    keys: ['sourceSystem', 'externalId'],
    resolved: [
      'itemId',
      'bundleId',
      'regionId',
      'townshipId',
      'servicePointId',
      'partnerRegionId',
      'enterpriseId',
    ],
  }),
  label: '办件',
  // See the kpi_case_rollup trigger.
  counted: ['submittedAt', 'regionId', 'townshipId', 'channel', 'itemId', 'oneNetwork'],
  status: { column: 'status', machine: caseMachine },
  owner: {
    joins: `LEFT JOIN "ServiceItem" oi ON oi.id = t."itemId" LEFT JOIN "Region" orr ON orr.id = t."regionId"`,
    departmentId: 'oi."departmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const serviceCases: RecordKind<Parsed, Awaited<ReturnType<typeof load>>> = {
  spec,
  schema: serviceCaseInput,
  key: (input) => input.externalId,
  load,
  prepare(input, found, writer, report) {
    const item = found.items.get(input.itemCode);
    const region = found.regions.get(input.regionCode);
    const bundle = input.bundleCode ? found.bundles.get(input.bundleCode) : null;
    const point = input.servicePointCode ? found.points.get(input.servicePointCode) : null;
    const partner = input.partnerRegionCode ? found.partners.get(input.partnerRegionCode) : null;
    if (!item) report('itemCode', 'NOT_FOUND', `事项编码 ${input.itemCode} 不存在`);
    else if (!item.allowedChannels.includes(input.channel)) {
      report('channel', 'BAD_USER_INPUT', `事项 ${input.itemCode} 不能通过 ${input.channel} 渠道办理`);
    }
    if (!region) report('regionCode', 'NOT_FOUND', `行政区划 ${input.regionCode} 不存在`);
    if (bundle === undefined) report('bundleCode', 'NOT_FOUND', `一件事 ${input.bundleCode} 不存在`);
    if (point === undefined)
      report('servicePointCode', 'NOT_FOUND', `服务网点 ${input.servicePointCode} 不存在`);
    if (partner === undefined) {
      report('partnerRegionCode', 'NOT_FOUND', `跨省通办合作地区 ${input.partnerRegionCode} 不存在`);
    }
    if (!item || !region || bundle === undefined || point === undefined || partner === undefined) return null;
    return {
      owner: { departmentId: item.departmentId, regionPath: region.path, sourceSystem: writer.source },
      values: {
        sourceSystem: writer.source,
        externalId: input.externalId,
        itemId: item.id,
        bundleId: bundle?.id ?? null,
        regionId: region.id,
        townshipId: region.townshipId,
        servicePointId: point?.id ?? null,
        partnerRegionId: partner?.id ?? null,
        channel: input.channel,
        oneNetwork: input.oneNetwork,
        applicantKind: input.applicantKind,
        applicantName: input.applicantName,
        applicantIdNumber: input.applicantIdNumber,
        applicantPhone: input.applicantPhone,
        // Linked when the firm is in the grid; cases of other firms are kept without the link.
        enterpriseId: input.enterpriseCreditCode
          ? (found.enterprises.get(input.enterpriseCreditCode)?.id ?? null)
          : null,
        status: input.status,
        submittedAt: input.submittedAt,
        acceptedAt: input.acceptedAt,
        approvedAt: input.approvedAt,
        completedAt: input.completedAt,
        rejectedAt: input.rejectedAt,
        withdrawnAt: input.withdrawnAt,
        rating: input.rating,
        ratedAt: input.ratedAt,
      },
    };
  },
};

async function load(tx: Parameters<typeof refs.regions>[0], rows: Parsed[]) {
  const [items, regions, bundles, points, partners, enterprises] = await Promise.all([
    refs.serviceItems(
      tx,
      rows.map((row) => row.itemCode),
    ),
    refs.regions(
      tx,
      rows.map((row) => row.regionCode),
    ),
    refs.bundles(
      tx,
      rows.map((row) => row.bundleCode),
    ),
    refs.servicePoints(
      tx,
      rows.map((row) => row.servicePointCode),
    ),
    refs.partnerRegions(
      tx,
      rows.map((row) => row.partnerRegionCode),
    ),
    refs.enterprises(
      tx,
      rows.map((row) => row.enterpriseCreditCode),
    ),
  ]);
  return { items, regions, bundles, points, partners, enterprises };
}
