// The enterprise service grid (企业服务网格): enterprises keyed by their unified social credit
// code (each remembering the source system that created it), and contact visits (对接记录)
// keyed by (sourceSystem, externalId).
import { z } from 'zod';
import { EnterpriseScale, VisitMode } from '../../generated/prisma/enums.ts';
import { tableOf } from '../../writes/columns.ts';
import type { TableSpec, Tx } from '../../writes/engine.ts';
import type { RecordKind } from '../../writes/records.ts';
import * as refs from '../../writes/refs.ts';
import { code, creditCode, day, instant, optional, phone, regionCode, text } from '../../writes/validate.ts';

export const enterpriseInput = z.object({
  creditCode: creditCode().describe('Unified social credit code, 18 characters (统一社会信用代码).'),
  name: text('企业名称', 200).describe('Registered name (企业名称).'),
  industry: text('所属行业', 100).describe('Industry (所属行业).'),
  scale: z.enum(EnterpriseScale).describe('Size class (企业规模).'),
  regionCode: regionCode('所在区划代码').describe(
    'Administrative division code of its location (所在区划代码).',
  ),
  registeredOn: day('成立日期', { fromYear: 1949 }).describe('Date of establishment (成立日期).'),
  legalRepName: optional(text('法定代表人姓名', 100)).describe(
    'Legal representative’s name (法定代表人); personal data.',
  ),
  legalRepPhone: optional(phone('法定代表人电话')).describe(
    'Legal representative’s phone (联系电话); personal data.',
  ),
  aboveScale: z
    .boolean('是否规上企业应为 true 或 false')
    .default(false)
    .describe('Above-designated-size industrial enterprise (规上企业).'),
  gridUnitCode: optional(code('网格单位编码')).describe('Code of its grid unit (网格单位编码).'),
  contactStaffCode: optional(code('联系人编码')).describe(
    'Code of its assigned contact (联系网格员编码, 户户有对接); must belong to the grid unit.',
  ),
});

type EnterpriseParsed = z.output<typeof enterpriseInput>;

async function loadEnterpriseRefs(tx: Tx, rows: EnterpriseParsed[]) {
  const [regions, units, staff] = await Promise.all([
    refs.regions(
      tx,
      rows.map((row) => row.regionCode),
    ),
    refs.gridUnits(
      tx,
      rows.map((row) => row.gridUnitCode),
    ),
    refs.gridStaff(
      tx,
      rows.map((row) => row.contactStaffCode),
    ),
  ]);
  return { regions, units, staff };
}

const enterpriseSpec: TableSpec = {
  ...tableOf('Enterprise', enterpriseInput, {
    keys: ['creditCode'],
    resolved: ['regionId', 'gridUnitId', 'contactStaffId'],
    insertOnly: ['sourceSystem'],
  }),
  label: '企业',
  owner: {
    joins: `LEFT JOIN "GridUnit" og ON og.id = t."gridUnitId" LEFT JOIN "Region" orr ON orr.id = t."regionId"`,
    departmentId: 'og."departmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const enterprises: RecordKind<EnterpriseParsed, Awaited<ReturnType<typeof loadEnterpriseRefs>>> = {
  spec: enterpriseSpec,
  schema: enterpriseInput,
  key: (input) => input.creditCode,
  load: loadEnterpriseRefs,
  prepare(input, found, writer, report) {
    const region = found.regions.get(input.regionCode);
    const unit = input.gridUnitCode ? found.units.get(input.gridUnitCode) : null;
    const contact = input.contactStaffCode ? found.staff.get(input.contactStaffCode) : null;
    if (!region) report('regionCode', 'NOT_FOUND', `行政区划 ${input.regionCode} 不存在`);
    if (unit === undefined) report('gridUnitCode', 'NOT_FOUND', `网格单位 ${input.gridUnitCode} 不存在`);
    if (contact === undefined)
      report('contactStaffCode', 'NOT_FOUND', `网格员 ${input.contactStaffCode} 不存在`);
    if (!region || unit === undefined || contact === undefined) return null;
    if (contact && contact.gridUnitId !== unit?.id) {
      report(
        'contactStaffCode',
        'BAD_USER_INPUT',
        `网格员 ${input.contactStaffCode} 不属于网格单位 ${input.gridUnitCode ?? '（未填）'}`,
      );
      return null;
    }
    return {
      owner: {
        departmentId: unit?.departmentId ?? null,
        regionPath: region.path,
        sourceSystem: writer.source,
      },
      values: {
        creditCode: input.creditCode,
        name: input.name,
        industry: input.industry,
        scale: input.scale,
        regionId: region.id,
        registeredOn: input.registeredOn,
        legalRepName: input.legalRepName,
        legalRepPhone: input.legalRepPhone,
        aboveScale: input.aboveScale,
        gridUnitId: unit?.id ?? null,
        contactStaffId: contact?.id ?? null,
        sourceSystem: writer.source,
      },
    };
  },
};

export const contactVisitInput = z.object({
  externalId: code('对接记录编号').describe('The visit’s number in its source system (记录编号).'),
  enterpriseCreditCode: creditCode('企业统一社会信用代码').describe(
    'Unified social credit code of the enterprise visited (统一社会信用代码).',
  ),
  gridStaffCode: code('网格员编码').describe('Code of the grid staff member (网格员编码).'),
  visitedAt: instant('对接时间').describe('When the visit took place (对接时间).'),
  mode: z.enum(VisitMode).describe('How it took place (对接方式).'),
  summary: text('对接情况', 2000).describe('What was discussed (对接情况).'),
  problemRaised: z
    .boolean('是否反映问题应为 true 或 false')
    .default(false)
    .describe('The enterprise raised a problem (反映问题); record it with upsertProblem.'),
});

type VisitParsed = z.output<typeof contactVisitInput>;

async function loadVisitRefs(tx: Tx, rows: VisitParsed[]) {
  const [enterprises, staff] = await Promise.all([
    refs.enterprises(
      tx,
      rows.map((row) => row.enterpriseCreditCode),
    ),
    refs.gridStaff(
      tx,
      rows.map((row) => row.gridStaffCode),
    ),
  ]);
  return { enterprises, staff };
}

const visitSpec: TableSpec = {
  ...tableOf('ContactVisit', contactVisitInput, {
    keys: ['sourceSystem', 'externalId'],
    resolved: ['enterpriseId', 'gridStaffId'],
  }),
  label: '对接记录',
  owner: {
    joins: `LEFT JOIN "GridStaff" ogs ON ogs.id = t."gridStaffId"
            LEFT JOIN "GridUnit" og ON og.id = ogs."gridUnitId"
            LEFT JOIN "Enterprise" oe ON oe.id = t."enterpriseId"
            LEFT JOIN "Region" orr ON orr.id = oe."regionId"`,
    departmentId: 'og."departmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const contactVisits: RecordKind<VisitParsed, Awaited<ReturnType<typeof loadVisitRefs>>> = {
  spec: visitSpec,
  schema: contactVisitInput,
  key: (input) => input.externalId,
  load: loadVisitRefs,
  prepare(input, found, writer, report) {
    const enterprise = found.enterprises.get(input.enterpriseCreditCode);
    const staff = found.staff.get(input.gridStaffCode);
    if (!enterprise) report('enterpriseCreditCode', 'NOT_FOUND', `企业 ${input.enterpriseCreditCode} 不存在`);
    if (!staff) report('gridStaffCode', 'NOT_FOUND', `网格员 ${input.gridStaffCode} 不存在`);
    if (!enterprise || !staff) return null;
    return {
      owner: {
        departmentId: staff.gridUnit.departmentId,
        regionPath: enterprise.region.path,
        sourceSystem: writer.source,
      },
      values: {
        sourceSystem: writer.source,
        externalId: input.externalId,
        enterpriseId: enterprise.id,
        gridStaffId: staff.id,
        visitedAt: input.visitedAt,
        mode: input.mode,
        summary: input.summary,
        problemRaised: input.problemRaised,
      },
    };
  },
};
