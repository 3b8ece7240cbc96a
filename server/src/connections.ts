// What the read connections of schema/ share: a counted connection type per node type (reused by
// the root field and every relation to the same type), day-range arguments and name search.
import type { ArgBuilder, InputFieldRef, OutputType } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { builder, totalCountField } from './builder.ts';

type HubTypes = typeof builder.$inferSchemaTypes;

/**
 * The `<Name>Connection` and `<Name>Edge` types of a node type, with a described `totalCount`.
 * `what` names the items in the plural, e.g. "problems (问题)".
 */
export function countedConnection<Type extends OutputType<HubTypes>>(type: Type, name: string, what: string) {
  return builder.connectionObject(
    {
      type,
      name: `${name}Connection`,
      description: `A page of ${what}.`,
      fields: (t) => ({ totalCount: totalCountField(t, `How many ${what} match, over all pages.`) }),
    },
    { name: `${name}Edge`, description: `One of the ${what} with its cursor.` },
  );
}

type DayArg = InputFieldRef<HubTypes, Date | null | undefined>;

/** `<prefix>From` and `<prefix>To`: an inclusive range of calendar days. */
export function dayRangeArgs<Prefix extends string>(
  t: ArgBuilder<HubTypes>,
  prefix: Prefix,
  what: string,
): Record<`${Prefix}From` | `${Prefix}To`, DayArg> {
  return {
    [`${prefix}From`]: t({ type: 'Date', description: `Only ${what} on or after this day.` }),
    [`${prefix}To`]: t({ type: 'Date', description: `Only ${what} on or before this day.` }),
  } as unknown as Record<`${Prefix}From` | `${Prefix}To`, DayArg>;
}

function checkOrder(from: Date | null | undefined, to: Date | null | undefined, name: string): void {
  if (from && to && from > to) {
    throw new GraphQLError(`${name}From must not be after ${name}To.`, {
      extensions: { code: 'BAD_USER_INPUT', field: `${name}From` },
    });
  }
}

/** A filter on a calendar-day column (`@db.Date`); undefined when neither bound is given. */
export function onDays(from: Date | null | undefined, to: Date | null | undefined, name: string) {
  checkOrder(from, to, name);
  if (!from && !to) return undefined;
  return { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
}

/** Shanghai has had no daylight saving since 1991: a calendar day starts at 00:00 +08:00. */
export function startOfShanghaiDay(day: Date, plusDays = 0): Date {
  return new Date(
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + plusDays) - 8 * 3_600_000,
  );
}

/** A filter on an instant column by calendar days in Asia/Shanghai; undefined without bounds. */
export function duringDays(from: Date | null | undefined, to: Date | null | undefined, name: string) {
  checkOrder(from, to, name);
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: startOfShanghaiDay(from) } : {}),
    ...(to ? { lt: startOfShanghaiDay(to, 1) } : {}),
  };
}

/**
 * A case-insensitive substring match, or undefined for an empty search. Prisma passes `contains`
 * to ILIKE as it is, so `%`, `_` and `\` are escaped (PostgreSQL's default LIKE escape is `\`):
 * a search for "10%" finds "10%", not "10" followed by anything.
 */
export function containing(search: string | null | undefined) {
  const text = search?.trim();
  return text ? { contains: literalLikePattern(text), mode: 'insensitive' as const } : undefined;
}

/** The text with LIKE's wildcards and escape character escaped, so each matches only itself. */
export function literalLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** `where` parts joined with AND, leaving out the absent ones. */
export function allOf<Where>(...parts: Array<Where | Where[] | undefined | null | false>): { AND: Where[] } {
  return { AND: parts.flatMap((part) => (!part ? [] : Array.isArray(part) ? part : [part])) };
}
