// What a field reads is declared on the field: `extensions: reads('ServiceCase', 'Region')`.
// The live hub recomputes a live query's field only after a write to one of its tables, and a
// kept KPI statement (kpi/sql.ts queryJson) is handed out again while none of them changed, so
// both take the same declaration. Names are Prisma model names, checked by the compiler, plus
// the working-day calendar, the one table figures read that no model describes. The KPI rollups
// ("KpiAreaDay" …) are written only by the triggers on "ServiceCase": a field reading them
// declares 'ServiceCase'.
import type { GraphQLSchema } from 'graphql';
import { Prisma } from '../generated/prisma/client.ts';

/** A table a field may declare: a model, or the working-day calendar. */
export type ReadTable = Prisma.ModelName | 'WorkCalendar';

/** The field extension declaring what a field reads. */
export type Reads = { readonly tables: readonly ReadTable[] };

/** The declaration of a field reading these tables (duplicates dropped). */
export function reads(...tables: ReadonlyArray<ReadTable | Reads>): Reads {
  const names = new Set<ReadTable>();
  for (const table of tables) {
    if (typeof table === 'string') names.add(table);
    else for (const name of table.tables) names.add(name);
  }
  return { tables: [...names] };
}

/**
 * Every model a global id may name: what `node` and `nodes` read. The hub's own bookkeeping
 * (saved live queries, API keys) has no GraphQL type.
 */
export const everyModel: Reads = reads(
  ...Object.values(Prisma.ModelName).filter((model) => model !== 'HubMeta' && model !== 'ApiKey'),
);

/**
 * The tables a Query or Subscription field declares it reads, or null when it declares none
 * (then any write may change it).
 */
export function tablesOf(schema: GraphQLSchema, field: string): ReadonlySet<string> | null {
  const declared =
    schema.getQueryType()?.getFields()[field] ?? schema.getSubscriptionType()?.getFields()[field];
  const tables = (declared?.extensions as { tables?: unknown } | undefined)?.tables;
  return Array.isArray(tables) ? new Set(tables as string[]) : null;
}
