// Writes of awards (表彰): one or a batch, keyed by (sourceSystem, externalId). The awardee is
// named by exactly one code: an enterprise's credit code, a staff number or a window code, as
// the award allows (诚信之星 and 诚信代言人 go to enterprises, 有礼服务之星 to staff or windows).
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { AwardKind } from '../../generated/prisma/enums.ts';
import { tableOf } from '../../writes/columns.ts';
import type { TableSpec, Tx } from '../../writes/engine.ts';
import { inputTypeOf } from '../../writes/input-type.ts';
import { type RecordKind, writeMany, writeOne } from '../../writes/records.ts';
import * as refs from '../../writes/refs.ts';
import { code, creditCode, day, optional, text } from '../../writes/validate.ts';
import { BulkWriteResult, expectedVersionArg, sourceSystemArg, upsertPayload } from '../mutation-root.ts';

const toEnterprises = new Set<string>(['INTEGRITY_STAR', 'INTEGRITY_AMBASSADOR']);

export const awardInput = z
  .object({
    externalId: code('表彰编号').describe('The award’s number in its source system (表彰编号).'),
    kind: z.enum(AwardKind, '表彰类别无效').describe('Which award (表彰类别).'),
    enterpriseCreditCode: optional(creditCode('受表彰企业统一社会信用代码')).describe(
      'Unified social credit code of the enterprise awarded (受表彰企业统一社会信用代码).',
    ),
    staffCode: optional(code('受表彰工作人员编码')).describe(
      'Number of the member of staff awarded (受表彰工作人员编码).',
    ),
    windowCode: optional(code('受表彰窗口编码')).describe('Code of the window awarded (受表彰窗口编码).'),
    year: z
      .int('年度应为整数')
      .min(2000, '年度不能早于 2000 年')
      .max(2100, '年度不能晚于 2100 年')
      .describe('The year the award is for (年度).'),
    issuer: text('颁发单位', 100).describe('Who gives it, e.g. 县信用办 (颁发单位).'),
    awardedOn: day('授予日期').describe('The day it was given (授予日期).'),
    citation: text('表彰事由', 500).describe('Why, in a sentence (表彰事由).'),
  })
  .superRefine((input, ctx) => {
    const named = [input.enterpriseCreditCode, input.staffCode, input.windowCode].filter((c) => c !== null);
    if (named.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseCreditCode'],
        message: '受表彰企业、工作人员、窗口须且仅须填写一个',
      });
    } else if (toEnterprises.has(input.kind) !== (input.enterpriseCreditCode !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: toEnterprises.has(input.kind)
          ? '诚信之星、诚信代言人只能授予企业'
          : '有礼服务之星只能授予窗口工作人员或窗口',
      });
    }
    if (input.awardedOn.getUTCFullYear() < input.year) {
      ctx.addIssue({ code: 'custom', path: ['awardedOn'], message: '授予日期不能早于表彰年度' });
    }
  });

type Parsed = z.output<typeof awardInput>;

async function load(tx: Tx, rows: Parsed[]) {
  const [enterprises, staff, windows] = await Promise.all([
    refs.enterprises(
      tx,
      rows.map((row) => row.enterpriseCreditCode),
    ),
    refs.staff(
      tx,
      rows.map((row) => row.staffCode),
    ),
    refs.windows(
      tx,
      rows.map((row) => row.windowCode),
    ),
  ]);
  return { enterprises, staff, windows };
}

const awardSpec: TableSpec = {
  ...tableOf('Award', awardInput, {
    keys: ['sourceSystem', 'externalId'],
    resolved: ['awardeeKind', 'enterpriseId', 'staffId', 'windowId'],
  }),
  label: '表彰记录',
  owner: {
    joins: `LEFT JOIN "Enterprise" oe ON oe.id = t."enterpriseId"
            LEFT JOIN "GridUnit" og ON og.id = oe."gridUnitId"
            LEFT JOIN "Staff" ost ON ost.id = t."staffId"
            LEFT JOIN "Window" ow ON ow.id = coalesce(t."windowId", ost."windowId")
            LEFT JOIN "ServiceHall" oh ON oh.id = ow."hallId"
            LEFT JOIN "Region" ohr ON ohr.id = oh."regionId"
            LEFT JOIN "Region" oer ON oer.id = oe."regionId"`,
    departmentId: 'coalesce(og."departmentId", ost."departmentId", ow."departmentId")',
    regionPath: 'coalesce(oer.path, ohr.path)',
    sourceSystem: 't."sourceSystem"',
  },
};

type Refs = Awaited<ReturnType<typeof load>>;

/** Awards, keyed by (sourceSystem, externalId). */
export const awards: RecordKind<Parsed, Refs> = {
  spec: awardSpec,
  schema: awardInput,
  key: (input) => input.externalId,
  load,
  prepare(input, found, writer, report) {
    const values = {
      sourceSystem: writer.source,
      externalId: input.externalId,
      kind: input.kind,
      year: input.year,
      issuer: input.issuer,
      awardedOn: input.awardedOn,
      citation: input.citation,
      enterpriseId: null,
      staffId: null,
      windowId: null,
    };
    if (input.enterpriseCreditCode !== null) {
      const enterprise = found.enterprises.get(input.enterpriseCreditCode);
      if (!enterprise) {
        report('enterpriseCreditCode', 'NOT_FOUND', `企业 ${input.enterpriseCreditCode} 不存在`);
        return null;
      }
      return {
        owner: {
          departmentId: enterprise.gridUnit?.departmentId ?? null,
          regionPath: enterprise.region.path,
          sourceSystem: writer.source,
        },
        values: { ...values, awardeeKind: 'ENTERPRISE', enterpriseId: enterprise.id },
      };
    }
    if (input.staffCode !== null) {
      const person = found.staff.get(input.staffCode);
      if (!person) {
        report('staffCode', 'NOT_FOUND', `工作人员 ${input.staffCode} 不存在`);
        return null;
      }
      return {
        owner: {
          departmentId: person.departmentId,
          regionPath: person.window?.hall.region.path ?? null,
          sourceSystem: writer.source,
        },
        values: { ...values, awardeeKind: 'STAFF', staffId: person.id },
      };
    }
    const window = found.windows.get(input.windowCode ?? '');
    if (!window) {
      report('windowCode', 'NOT_FOUND', `窗口 ${input.windowCode} 不存在`);
      return null;
    }
    return {
      owner: {
        departmentId: window.departmentId,
        regionPath: window.hall.region.path,
        sourceSystem: writer.source,
      },
      values: { ...values, awardeeKind: 'WINDOW', windowId: window.id },
    };
  },
};

const AwardInput = inputTypeOf('AwardInput', awardInput, {
  description:
    'An award (表彰), keyed by (sourceSystem, externalId). Name exactly one awardee: an enterprise for 诚信之星 and 诚信代言人, a member of staff or a window for 有礼服务之星.',
});

const UpsertAwardPayload = upsertPayload('UpsertAwardPayload', 'Award', {
  description: 'The result of upserting one award.',
  record: 'The award as stored now (表彰).',
});

builder.mutationFields((t) => ({
  upsertAward: t.field({
    type: UpsertAwardPayload,
    description: 'Creates or updates an award by (sourceSystem, externalId) (表彰写入).',
    args: {
      input: t.arg({ type: AwardInput, required: true, description: 'The award.' }),
      sourceSystem: sourceSystemArg(t.arg),
      expectedVersion: expectedVersionArg(t.arg),
    },
    resolve: (_root, args, ctx) =>
      writeOne(ctx, awards, args.input, {
        sourceSystem: args.sourceSystem,
        expectedVersion: args.expectedVersion,
      }),
  }),
  upsertAwards: t.field({
    type: BulkWriteResult,
    description: 'Creates or updates up to 5,000 awards in one transaction, all or nothing (表彰批量写入).',
    args: {
      input: t.arg({ type: [AwardInput], required: true, description: 'The awards, at most 5,000.' }),
      sourceSystem: sourceSystemArg(t.arg),
    },
    resolve: (_root, args, ctx) => writeMany(ctx, awards, args.input, { sourceSystem: args.sourceSystem }),
  }),
}));
