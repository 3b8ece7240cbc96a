// Personal data (people's names, ID numbers, phone numbers) is shown only to roles with the
// `personalData` scope; everyone else, subscriptions and exports included, gets it masked.
import type { Context } from './context.ts';

export type PersonalKind = 'name' | 'idNumber' | 'phone';

const unmaskedRoles = new Set(['ADMIN', 'STAFF', 'DEPARTMENT', 'TOWNSHIP']);

export function maySeePersonalData(ctx: Pick<Context, 'principal'>): boolean {
  return unmaskedRoles.has(ctx.principal?.role ?? '');
}

/** 张三丰 → 张**, 18 or 15 digit IDs keep the first 6 and last 4, phones keep 3 + 4. */
export function maskPersonal(kind: PersonalKind, value: string): string {
  const chars = [...value];
  if (kind === 'name') return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
  if (kind === 'idNumber') {
    return chars.length <= 10
      ? '*'.repeat(chars.length)
      : `${value.slice(0, 6)}${'*'.repeat(chars.length - 10)}${value.slice(-4)}`;
  }
  return chars.length <= 7
    ? '*'.repeat(chars.length)
    : `${value.slice(0, 3)}${'*'.repeat(chars.length - 7)}${value.slice(-4)}`;
}

/** The value as this caller may see it. */
export function personal(ctx: Pick<Context, 'principal'>, kind: PersonalKind, value: string): string;
export function personal(
  ctx: Pick<Context, 'principal'>,
  kind: PersonalKind,
  value: string | null,
): string | null;
export function personal(
  ctx: Pick<Context, 'principal'>,
  kind: PersonalKind,
  value: string | null,
): string | null {
  if (value === null) return null;
  return maySeePersonalData(ctx) ? value : maskPersonal(kind, value);
}
