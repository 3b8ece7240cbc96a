// Work points (工分) of a window or of a member of staff for a month, keyed by the month and
// the window or the person (exactly one of them); each remembers the source system that
// reported it.
import { z } from 'zod';
import { tableOf } from '../../writes/columns.ts';
import type { TableSpec, Tx } from '../../writes/engine.ts';
import type { RecordKind } from '../../writes/records.ts';
import * as refs from '../../writes/refs.ts';
import { code, dayText, decimal, monthStart, optional } from '../../writes/validate.ts';

export const workPointInput = z
  .object({
    month: monthStart('月份').describe('The month, as its first day, e.g. 2023-05-01 (月份).'),
    windowCode: optional(code('窗口编码')).describe('Code of the window (窗口编码).'),
    staffCode: optional(code('工作人员编码')).describe('Code of the member of staff (工作人员编码).'),
    points: decimal('工分', 8, 2, 'unsigned').describe('The points, up to 2 decimals (工分).'),
  })
  .refine((input) => (input.windowCode === null) !== (input.staffCode === null), {
    path: ['windowCode'],
    message: '窗口编码与工作人员编码须且仅须填写一个',
  });

export type WorkPointInput = z.input<typeof workPointInput>;
type Parsed = z.output<typeof workPointInput>;

async function load(tx: Tx, rows: Parsed[]) {
  const [windows, staff] = await Promise.all([
    refs.windows(
      tx,
      rows.map((row) => row.windowCode),
    ),
    refs.staff(
      tx,
      rows.map((row) => row.staffCode),
    ),
  ]);
  return { windows, staff };
}

const ofWindowSpec: TableSpec = {
  ...tableOf('WorkPoint', workPointInput, { keys: ['month', 'windowId'], insertOnly: ['sourceSystem'] }),
  label: '窗口工分',
  owner: {
    joins: `LEFT JOIN "Window" ow ON ow.id = t."windowId"
            LEFT JOIN "ServiceHall" oh ON oh.id = ow."hallId"
            LEFT JOIN "Region" orr ON orr.id = oh."regionId"`,
    departmentId: 'ow."departmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

const ofStaffSpec: TableSpec = {
  ...tableOf('WorkPoint', workPointInput, { keys: ['month', 'staffId'], insertOnly: ['sourceSystem'] }),
  label: '个人工分',
  owner: {
    joins: `LEFT JOIN "Staff" ost ON ost.id = t."staffId"
            LEFT JOIN "Window" ow ON ow.id = ost."windowId"
            LEFT JOIN "ServiceHall" oh ON oh.id = ow."hallId"
            LEFT JOIN "Region" orr ON orr.id = oh."regionId"`,
    departmentId: 'ost."departmentId"',
    regionPath: 'orr.path',
    sourceSystem: 't."sourceSystem"',
  },
};

type Refs = Awaited<ReturnType<typeof load>>;

/** Work points of a window (when the input names a window). */
export const windowWorkPoints: RecordKind<Parsed, Refs> = {
  spec: ofWindowSpec,
  schema: workPointInput,
  key: (input) => `${dayText(input.month)}|${input.windowCode}`,
  load,
  prepare(input, found, writer, report) {
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
      values: { month: input.month, windowId: window.id, points: input.points, sourceSystem: writer.source },
    };
  },
};

/** Work points of a member of staff (when the input names a person). */
export const staffWorkPoints: RecordKind<Parsed, Refs> = {
  spec: ofStaffSpec,
  schema: workPointInput,
  key: (input) => `${dayText(input.month)}|${input.staffCode}`,
  load,
  prepare(input, found, writer, report) {
    const person = found.staff.get(input.staffCode ?? '');
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
      values: { month: input.month, staffId: person.id, points: input.points, sourceSystem: writer.source },
    };
  },
};
