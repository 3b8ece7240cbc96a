// A normalised description of a database's public schema, read from the PostgreSQL catalog:
// enums, columns, constraints and indexes. Two databases with the same description have the
// same schema; this is how PostgreSQL is compared with PGlite, whose schema the WASM schema
// engine can introspect (through adapter-pg it cannot: it fails on catalog columns of type
// "char", the same family of problem as prisma/orm#27403). PostgreSQL 18 (PGlite) also lists
// NOT NULL as constraints; those are left out, the column lines carry them.
import type { SqlSession } from '../../server/src/db.ts';

export async function describeSchema(sql: SqlSession): Promise<string[]> {
  const enums = await sql.query<{ line: string }>(`
    SELECT 'enum ' || t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) || ')' AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' GROUP BY t.typname`);
  const columns = await sql.query<{ line: string }>(`
    SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
           || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`);
  const constraints = await sql.query<{ line: string }>(`
    SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS line
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND k.contype <> 'n'`);
  const indexes = await sql.query<{ line: string }>(`
    SELECT 'index ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public'`);
  return [...enums, ...columns, ...constraints, ...indexes].map((row) => row.line).sort();
}
