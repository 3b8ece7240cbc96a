// Credit (信用体系): blacklist entries (严重失信主体名单) and their removals, double-publicity
// records (双公示) and credit-repair applications (信用修复), all keyed by (sourceSystem,
// externalId).
import { z } from 'zod';
import { audit } from '../../audit.ts';
import { PublicityKind } from '../../generated/prisma/enums.ts';
import { scopeIssue, type WriteContext, writerSource } from '../../writes/access.ts';
import { tableOf } from '../../writes/columns.ts';
import { inTransaction, type Outcome, type TableSpec, type Tx } from '../../writes/engine.ts';
import { refuse, refuseAll } from '../../writes/errors.ts';
import type { RecordKind } from '../../writes/records.ts';
import * as refs from '../../writes/refs.ts';
import { code, creditCode, day, dayText, optional, parseRecord, text } from '../../writes/validate.ts';

export const blacklistEntryInput = z
  .object({
    externalId: code('名单记录编号').describe('The entry’s number in the credit system (名单编号).'),
    subjectCreditCode: creditCode('失信主体统一社会信用代码').describe(
      'Unified social credit code of the firm; it must be in the credit base (统一社会信用代码).',
    ),
    sourceDepartmentCode: code('认定部门编码').describe('Code of the department that listed it (认定部门).'),
    reason: text('列入事由', 2000).describe('Why it is listed (列入事由).'),
    listedOn: day('列入日期').describe('Day it was listed (列入日期).'),
    removedOn: optional(day('移出日期')).describe('Day it was removed (移出日期), with removalReason.'),
    removalReason: optional(text('移出事由', 2000)).describe(
      'Why it was removed (移出事由), with removedOn.',
    ),
  })
  .superRefine((input, ctx) => {
    if (input.removedOn && input.removedOn < input.listedOn) {
      ctx.addIssue({ code: 'custom', path: ['removedOn'], message: '移出日期不能早于列入日期' });
    }
    if ((input.removedOn === null) !== (input.removalReason === null)) {
      ctx.addIssue({ code: 'custom', path: ['removalReason'], message: '移出日期与移出事由须同时提供' });
    }
  });

type EntryParsed = z.output<typeof blacklistEntryInput>;

async function loadEntryRefs(tx: Tx, rows: EntryParsed[]) {
  const [subjects, departments] = await Promise.all([
    refs.creditSubjects(
      tx,
      rows.map((row) => row.subjectCreditCode),
    ),
    refs.departments(
      tx,
      rows.map((row) => row.sourceDepartmentCode),
    ),
  ]);
  return { subjects, departments };
}

const entrySpec: TableSpec = {
  ...tableOf('BlacklistEntry', blacklistEntryInput, {
    keys: ['sourceSystem', 'externalId'],
    resolved: ['subjectId', 'sourceDepartmentId'],
  }),
  label: '失信名单记录',
  owner: {
    joins:
      'LEFT JOIN "CreditSubject" os ON os.id = t."subjectId" LEFT JOIN "Region" orr ON orr.id = os."regionId"',
    departmentId: 't."sourceDepartmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const blacklistEntries: RecordKind<EntryParsed, Awaited<ReturnType<typeof loadEntryRefs>>> = {
  spec: entrySpec,
  schema: blacklistEntryInput,
  key: (input) => input.externalId,
  load: loadEntryRefs,
  prepare(input, found, writer, report) {
    const subject = found.subjects.get(input.subjectCreditCode);
    const department = found.departments.get(input.sourceDepartmentCode);
    if (!subject)
      report('subjectCreditCode', 'NOT_FOUND', `信用主体 ${input.subjectCreditCode} 不在信用主体库中`);
    if (!department) report('sourceDepartmentCode', 'NOT_FOUND', `部门 ${input.sourceDepartmentCode} 不存在`);
    if (!subject || !department) return null;
    return {
      owner: { departmentId: department.id, regionPath: subject.region.path, sourceSystem: writer.source },
      values: {
        sourceSystem: writer.source,
        externalId: input.externalId,
        subjectId: subject.id,
        sourceDepartmentId: department.id,
        reason: input.reason,
        listedOn: input.listedOn,
        removedOn: input.removedOn,
        removalReason: input.removalReason,
      },
    };
  },
};

export const blacklistRemovalInput = z.object({
  externalId: code('名单记录编号').describe('The entry’s number in its source system (名单编号).'),
  removedOn: day('移出日期').describe('Day it was removed (移出日期).'),
  removalReason: text('移出事由', 2000).describe('Why it was removed (移出事由).'),
});

export type BlacklistRemovalInput = z.input<typeof blacklistRemovalInput>;

/** Takes a firm off the list: stamps the removal on its entry (UPDATE … WHERE version). */
export async function removeBlacklistEntry(
  ctx: WriteContext,
  input: BlacklistRemovalInput,
  options: { sourceSystem?: string | null | undefined; expectedVersion?: number | null | undefined },
): Promise<{ id: number; version: number; outcome: Outcome }> {
  const parsed = parseRecord(blacklistRemovalInput, input, ['input'], ctx.clock());
  if (!parsed.ok) throw refuseAll(parsed.issues);
  const writer = writerSource(ctx, options.sourceSystem, ['sourceSystem']);
  if ('issue' in writer) throw refuse(writer.issue);
  const { externalId, removedOn, removalReason } = parsed.data;
  return inTransaction(ctx, async (tx) => {
    const entry = await tx.blacklistEntry.findUnique({
      where: { sourceSystem_externalId: { sourceSystem: writer.source, externalId } },
      include: { subject: { select: { region: { select: { path: true } } } } },
    });
    if (!entry) {
      throw refuse(
        refs.notFound(['input', 'externalId'], `来源系统 ${writer.source} 的失信名单记录`, externalId),
      );
    }
    const forbidden = scopeIssue(
      ctx,
      {
        departmentId: entry.sourceDepartmentId,
        regionPath: entry.subject.region.path,
        sourceSystem: entry.sourceSystem,
      },
      ['input'],
      '失信名单记录',
    );
    if (forbidden) throw refuse(forbidden);
    const expected = options.expectedVersion ?? entry.version;
    if (entry.version !== expected) throw versionConflict(entry.version, expected);
    if (removedOn < entry.listedOn) {
      throw refuse({
        path: ['input', 'removedOn'],
        code: 'BAD_USER_INPUT',
        message: '移出日期不能早于列入日期',
      });
    }
    if (entry.removedOn?.getTime() === removedOn.getTime() && entry.removalReason === removalReason) {
      return { id: entry.id, version: entry.version, outcome: 'UNCHANGED' };
    }
    const updated = await tx.blacklistEntry.updateMany({
      where: { id: entry.id, version: entry.version },
      data: { removedOn, removalReason, version: { increment: 1 }, updatedAt: ctx.clock() },
    });
    if (updated.count !== 1) throw versionConflict(entry.version + 1, expected);
    await audit(tx, ctx, {
      action: 'REMOVE',
      entity: 'BlacklistEntry',
      entityId: entry.id,
      before: {
        removedOn: entry.removedOn ? dayText(entry.removedOn) : null,
        removalReason: entry.removalReason,
        version: entry.version,
      },
      after: { removedOn: dayText(removedOn), removalReason, version: entry.version + 1 },
    });
    return { id: entry.id, version: entry.version + 1, outcome: 'UPDATED' };
  });
}

function versionConflict(current: number, expected: number) {
  return refuse(
    {
      path: ['expectedVersion'],
      code: 'VERSION_CONFLICT',
      message: `失信名单记录已被修改：当前版本为 ${current}，不是 ${expected}，请重新读取后再提交`,
    },
    { currentVersion: current },
  );
}

export const publicityRecordInput = z
  .object({
    externalId: code('公示记录编号').describe('The record’s number in its source system (公示编号).'),
    kind: z.enum(PublicityKind).describe('Licence or penalty (许可/处罚).'),
    departmentCode: code('决定部门编码').describe('Code of the deciding department (决定部门).'),
    subjectCreditCode: optional(creditCode('行政相对人统一社会信用代码')).describe(
      'Credit code of the party (行政相对人); linked when it is in the credit base.',
    ),
    decisionNumber: text('决定文书号', 200).describe('Number of the decision document (决定文书号).'),
    decidedOn: day('决定日期').describe('Day of the decision (决定日期).'),
    publishedOn: optional(day('公示日期')).describe('Day it was published (公示日期); not yet when omitted.'),
    accurate: z.boolean('是否准确应为 true 或 false').describe('The published content is accurate (准确).'),
    complete: z.boolean('是否完整应为 true 或 false').describe('The published content is complete (完整).'),
  })
  .refine((input) => !input.publishedOn || input.publishedOn >= input.decidedOn, {
    path: ['publishedOn'],
    message: '公示日期不能早于决定日期',
  });

type PublicityParsed = z.output<typeof publicityRecordInput>;

async function loadPublicityRefs(tx: Tx, rows: PublicityParsed[]) {
  const [departments, subjects] = await Promise.all([
    refs.departments(
      tx,
      rows.map((row) => row.departmentCode),
    ),
    refs.creditSubjects(
      tx,
      rows.map((row) => row.subjectCreditCode),
    ),
  ]);
  return { departments, subjects };
}

const publicitySpec: TableSpec = {
  ...tableOf('PublicityRecord', publicityRecordInput, {
    keys: ['sourceSystem', 'externalId'],
    resolved: ['departmentId', 'subjectId'],
  }),
  label: '双公示记录',
  owner: {
    joins:
      'LEFT JOIN "CreditSubject" os ON os.id = t."subjectId" LEFT JOIN "Region" orr ON orr.id = os."regionId"',
    departmentId: 't."departmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

export const publicityRecords: RecordKind<PublicityParsed, Awaited<ReturnType<typeof loadPublicityRefs>>> = {
  spec: publicitySpec,
  schema: publicityRecordInput,
  key: (input) => input.externalId,
  load: loadPublicityRefs,
  prepare(input, found, writer, report) {
    const department = found.departments.get(input.departmentCode);
    if (!department) {
      report('departmentCode', 'NOT_FOUND', `部门 ${input.departmentCode} 不存在`);
      return null;
    }
    // Linked when the party is in the credit base; decisions on others are kept without the link.
    const subject = input.subjectCreditCode ? (found.subjects.get(input.subjectCreditCode) ?? null) : null;
    return {
      owner: {
        departmentId: department.id,
        regionPath: subject?.region.path ?? null,
        sourceSystem: writer.source,
      },
      values: {
        sourceSystem: writer.source,
        externalId: input.externalId,
        kind: input.kind,
        departmentId: department.id,
        subjectId: subject?.id ?? null,
        decisionNumber: input.decisionNumber,
        decidedOn: input.decidedOn,
        publishedOn: input.publishedOn,
        accurate: input.accurate,
        complete: input.complete,
      },
    };
  },
};

/** The id an application gets when its source gives none: one per firm, entry and day. */
export function repairExternalId(
  subjectCreditCode: string,
  entry: { sourceSystem: string; externalId: string } | null,
  appliedOn: Date,
): string {
  return `${subjectCreditCode}/${entry ? `${entry.sourceSystem}:${entry.externalId}` : '-'}/${dayText(appliedOn)}`;
}

/** Names a blacklist entry, as a credit-repair application refers to it. */
export const blacklistEntryKey = z.object({
  sourceSystem: code('名单记录来源系统').describe('The entry’s source system (来源系统).'),
  externalId: code('名单记录编号').describe('The entry’s number there (名单编号).'),
});

export const creditRepairInput = z
  .object({
    externalId: optional(code('信用修复申请编号', 128)).describe(
      'Its id in the source system (申请编号); when omitted, `<credit code>/<entry source>:<entry id>/<day applied>` (`-` for no entry).',
    ),
    subjectCreditCode: creditCode('申请主体统一社会信用代码').describe(
      'Credit code of the applying firm (申请主体).',
    ),
    blacklistEntry: optional(blacklistEntryKey).describe('The entry it asks to remove (对应名单记录).'),
    appliedOn: day('申请日期').describe('Day of application (申请日期).'),
  })
  .transform((input) => ({
    ...input,
    externalId:
      input.externalId ?? repairExternalId(input.subjectCreditCode, input.blacklistEntry, input.appliedOn),
  }));

type RepairParsed = z.output<typeof creditRepairInput>;

async function loadRepairRefs(tx: Tx, rows: RepairParsed[]) {
  const keys = rows.flatMap((row) => (row.blacklistEntry ? [row.blacklistEntry] : []));
  const [subjects, entries] = await Promise.all([
    refs.creditSubjects(
      tx,
      rows.map((row) => row.subjectCreditCode),
    ),
    keys.length === 0
      ? []
      : tx.blacklistEntry.findMany({
          where: { OR: keys },
          select: {
            id: true,
            sourceSystem: true,
            externalId: true,
            subjectId: true,
            sourceDepartmentId: true,
          },
        }),
  ]);
  return { subjects, entries: new Map(entries.map((entry) => [entryKey(entry), entry])) };
}

const entryKey = (entry: { sourceSystem: string; externalId: string }) =>
  `${entry.sourceSystem}\u001f${entry.externalId}`;

const repairSpec: TableSpec = {
  ...tableOf('CreditRepair', creditRepairInput, {
    keys: ['sourceSystem', 'externalId'],
    resolved: ['subjectId', 'blacklistEntryId'],
    insertOnly: ['status'],
  }),
  label: '信用修复申请',
  owner: {
    joins: `LEFT JOIN "BlacklistEntry" ob ON ob.id = t."blacklistEntryId"
            LEFT JOIN "CreditSubject" os ON os.id = t."subjectId" LEFT JOIN "Region" orr ON orr.id = os."regionId"`,
    departmentId: 'ob."sourceDepartmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

/**
 * Credit-repair applications (status SUBMITTED when new), keyed by (sourceSystem, externalId).
 * Without an externalId the key is the firm, the entry and the day, so filing the same again
 * changes nothing. The decision goes through transitions.ts.
 */
export const creditRepairs: RecordKind<RepairParsed, Awaited<ReturnType<typeof loadRepairRefs>>> = {
  spec: repairSpec,
  schema: creditRepairInput,
  key: (input) => input.externalId,
  load: loadRepairRefs,
  prepare(input, found, writer, report) {
    const subject = found.subjects.get(input.subjectCreditCode);
    const entry = input.blacklistEntry ? found.entries.get(entryKey(input.blacklistEntry)) : null;
    if (!subject) report('subjectCreditCode', 'NOT_FOUND', `信用主体 ${input.subjectCreditCode} 不存在`);
    if (entry === undefined) {
      report(
        'blacklistEntry',
        'NOT_FOUND',
        `来源系统 ${input.blacklistEntry?.sourceSystem} 的失信名单记录 ${input.blacklistEntry?.externalId} 不存在`,
      );
    }
    if (!subject || entry === undefined) return null;
    if (entry && entry.subjectId !== subject.id) {
      report('blacklistEntry', 'BAD_USER_INPUT', `该失信名单记录不属于信用主体 ${input.subjectCreditCode}`);
      return null;
    }
    return {
      owner: {
        departmentId: entry?.sourceDepartmentId ?? null,
        regionPath: subject.region.path,
        sourceSystem: writer.source,
      },
      values: {
        sourceSystem: writer.source,
        externalId: input.externalId,
        subjectId: subject.id,
        blacklistEntryId: entry?.id ?? null,
        appliedOn: input.appliedOn,
        status: 'SUBMITTED',
      },
    };
  },
};
