// References by natural key: clients name items, regions, enterprises … by their codes; a
// write resolves each distinct code once per request, with what the scope checks need.

import type { Tx } from './engine.ts';
import type { Issue } from './errors.ts';

function distinct(values: Iterable<string | null | undefined>): string[] {
  const set = new Set<string>();
  for (const value of values) if (value) set.add(value);
  return [...set];
}

async function byKey<T>(
  values: Iterable<string | null | undefined>,
  load: (keys: string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): Promise<Map<string, T>> {
  const keys = distinct(values);
  if (keys.length === 0) return new Map();
  return new Map((await load(keys)).map((row) => [keyOf(row), row]));
}

export function notFound(path: Issue['path'], label: string, value: string, index?: number): Issue {
  return {
    path,
    code: 'NOT_FOUND',
    message: `${label} ${value} 不存在`,
    ...(index === undefined ? {} : { index }),
  };
}

export interface RegionRef {
  id: number;
  code: string;
  path: string;
  /** The township at or above the region; null for the county and above. */
  townshipId: number | null;
}

export async function regions(tx: Tx, codes: Iterable<string | null | undefined>) {
  const found = await byKey(
    codes,
    (keys) =>
      tx.region.findMany({ where: { code: { in: keys } }, select: { id: true, code: true, path: true } }),
    (row) => row.code,
  );
  if (found.size === 0) return new Map<string, RegionRef>();
  const townships = new Set(
    (await tx.region.findMany({ where: { level: 'TOWNSHIP' }, select: { id: true } })).map((r) => r.id),
  );
  const refs = new Map<string, RegionRef>();
  for (const [code, region] of found) {
    const ids = region.path.split('/').filter(Boolean).map(Number);
    refs.set(code, { ...region, townshipId: ids.find((id) => townships.has(id)) ?? null });
  }
  return refs;
}

export const serviceItems = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.serviceItem.findMany({
        where: { code: { in: keys } },
        select: { id: true, code: true, departmentId: true, allowedChannels: true, active: true },
      }),
    (row) => row.code,
  );

export const servicePoints = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) => tx.servicePoint.findMany({ where: { code: { in: keys } }, select: { id: true, code: true } }),
    (row) => row.code,
  );

export const partnerRegions = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) => tx.partnerRegion.findMany({ where: { code: { in: keys } }, select: { id: true, code: true } }),
    (row) => row.code,
  );

export const bundles = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) => tx.bundle.findMany({ where: { code: { in: keys } }, select: { id: true, code: true } }),
    (row) => row.code,
  );

export const departments = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) => tx.department.findMany({ where: { code: { in: keys } }, select: { id: true, code: true } }),
    (row) => row.code,
  );

export const enterprises = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.enterprise.findMany({
        where: { creditCode: { in: keys } },
        select: {
          id: true,
          creditCode: true,
          region: { select: { path: true } },
          gridUnit: { select: { departmentId: true } },
        },
      }),
    (row) => row.creditCode,
  );

export const gridUnits = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.gridUnit.findMany({
        where: { code: { in: keys } },
        select: { id: true, code: true, departmentId: true },
      }),
    (row) => row.code,
  );

export const gridStaff = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.gridStaff.findMany({
        where: { code: { in: keys } },
        select: { id: true, code: true, gridUnitId: true, gridUnit: { select: { departmentId: true } } },
      }),
    (row) => row.code,
  );

export const policies = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.policy.findMany({
        where: { code: { in: keys } },
        select: { id: true, code: true, departmentId: true },
      }),
    (row) => row.code,
  );

export const creditSubjects = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.creditSubject.findMany({
        where: { creditCode: { in: keys } },
        select: { id: true, creditCode: true, region: { select: { path: true } } },
      }),
    (row) => row.creditCode,
  );

export const problems = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.problem.findMany({
        where: { code: { in: keys } },
        select: {
          id: true,
          code: true,
          status: true,
          ownerDepartmentId: true,
          sourceSystem: true,
          region: { select: { path: true } },
        },
      }),
    (row) => row.code,
  );

export const projects = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.investmentProject.findMany({
        where: { code: { in: keys } },
        select: { id: true, code: true, ownerDepartmentId: true, region: { select: { path: true } } },
      }),
    (row) => row.code,
  );

export const indicators = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.indicator.findMany({
        where: { code: { in: keys } },
        select: { id: true, code: true, leadDepartmentId: true },
      }),
    (row) => row.code,
  );

export const windows = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.window.findMany({
        where: { code: { in: keys } },
        select: {
          id: true,
          code: true,
          departmentId: true,
          hall: { select: { region: { select: { path: true } } } },
        },
      }),
    (row) => row.code,
  );

export const staff = (tx: Tx, codes: Iterable<string | null | undefined>) =>
  byKey(
    codes,
    (keys) =>
      tx.staff.findMany({
        where: { code: { in: keys } },
        select: {
          id: true,
          code: true,
          departmentId: true,
          window: { select: { hall: { select: { region: { select: { path: true } } } } } },
        },
      }),
    (row) => row.code,
  );
