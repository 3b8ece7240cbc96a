// Who may write which record. The role check (`write` scope) happens in the schema; here the
// row check: a DEPARTMENT writes only its department's records, a TOWNSHIP only records in its
// region subtree, an INTEGRATION only records of its own source system. A change is checked
// on the record as it is and as it will be, so nothing moves into or out of a caller's reach.
import type { Access, Context } from '../context.ts';
import type { FieldPath, Issue } from './errors.ts';

/** What a write needs from the request. */
export type WriteContext = Pick<Context, 'prisma' | 'principal' | 'access' | 'requestId' | 'clock'>;

/** The source system of records that staff enter in the hub itself. */
export const HUB_SOURCE = 'hub';

/**
 * Whose a record is: its department, its region's path and its source system (null: none). The
 * same three facts as the caller's reach, so a record is in reach when its owner lies inside it.
 */
export type Owner = Access;

/**
 * The source system the caller writes as: an INTEGRATION's own (from its token), otherwise
 * the one requested or the hub's. An INTEGRATION naming another system is refused.
 */
export function writerSource(
  ctx: WriteContext,
  requested: string | null | undefined,
  path: FieldPath,
): { source: string } | { issue: Issue } {
  const own = ctx.access.sourceSystem;
  if (own) {
    if (requested && requested !== own) {
      return {
        issue: {
          path,
          code: 'FORBIDDEN',
          message: `本令牌只能写入来源系统 ${own} 的记录，不能写入 ${requested}`,
        },
      };
    }
    return { source: own };
  }
  return { source: requested?.trim() || HUB_SOURCE };
}

/** Why the caller may not write a record owned so; null when it may. */
export function scopeIssue(ctx: WriteContext, owner: Owner, path: FieldPath, what: string): Issue | null {
  const { access } = ctx;
  if (access.departmentId !== null && owner.departmentId !== access.departmentId) {
    return { path, code: 'FORBIDDEN', message: `${what}不属于本部门，无权写入` };
  }
  if (access.regionPath !== null && !owner.regionPath?.startsWith(access.regionPath)) {
    return { path, code: 'FORBIDDEN', message: `${what}不在本辖区内，无权写入` };
  }
  if (access.sourceSystem !== null && owner.sourceSystem !== access.sourceSystem) {
    return {
      path,
      code: 'FORBIDDEN',
      message:
        owner.sourceSystem && owner.sourceSystem !== HUB_SOURCE
          ? `${what}来自来源系统 ${owner.sourceSystem}，本令牌（${access.sourceSystem}）无权写入`
          : `${what}由营商办录入，接口令牌无权写入`,
    };
  }
  return null;
}
