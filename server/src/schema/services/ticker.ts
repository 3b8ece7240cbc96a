// The case ticker's rows (办件滚动): which columns a tick reads and how a row becomes a masked tick.
// The live hub publishes them; the schema (schema/live.ts) serves them.
import { maskPersonal } from '../../personal.ts';

/** One case on the ticker, masked (JSON, as the bus carries it). */
export interface CaseTickJson {
  id: number;
  kind: 'RECEIVED' | 'COMPLETED';
  itemName: string;
  departmentName: string | null;
  departmentId: number | null;
  townshipName: string | null;
  regionName: string;
  regionPath: string;
  channel: string;
  oneNetwork: boolean;
  status: string;
  applicant: string | null;
  submittedAt: string;
  completedAt: string | null;
}

function maskApplicant(kind: string, name: string | null): string | null {
  if (!name) return null;
  if (kind === 'PERSON') return maskPersonal('name', name);
  const chars = [...name];
  return chars.length <= 4 ? `${chars[0]}***` : `${chars.slice(0, 2).join('')}***${chars.slice(-2).join('')}`;
}

export const TICK_COLUMNS = `c.id, i.name AS "itemName", dp.name AS "departmentName", i."departmentId",
  tw.name AS "townshipName", r.name AS "regionName", r.path AS "regionPath", c.channel::text AS channel,
  c."oneNetwork", c.status::text AS status, c."applicantKind"::text AS "applicantKind", c."applicantName",
  c."submittedAt", c."completedAt"`;
export const TICK_FROM = `"ServiceCase" c JOIN "ServiceItem" i ON i.id = c."itemId"
  LEFT JOIN "Department" dp ON dp.id = i."departmentId" JOIN "Region" r ON r.id = c."regionId"
  LEFT JOIN "Region" tw ON tw.id = c."townshipId"`;

/** A ticker row as the statement over TICK_FROM returns it: the tick before masking. */
export type TickRow = Omit<CaseTickJson, 'kind' | 'applicant' | 'submittedAt' | 'completedAt'> & {
  applicantKind: string;
  applicantName: string | null;
  submittedAt: Date | string;
  completedAt: Date | string | null;
};

const isoOf = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

export function tickOf(row: TickRow, kind: CaseTickJson['kind']): CaseTickJson {
  return {
    id: row.id,
    kind,
    itemName: row.itemName,
    departmentName: row.departmentName,
    departmentId: row.departmentId,
    townshipName: row.townshipName,
    regionName: row.regionName,
    regionPath: row.regionPath,
    channel: row.channel,
    oneNetwork: row.oneNetwork,
    status: row.status,
    applicant: maskApplicant(row.applicantKind, row.applicantName),
    submittedAt: isoOf(row.submittedAt) ?? '',
    completedAt: isoOf(row.completedAt),
  };
}
