// Proves that the migrations, applied by the hub's own runner, yield exactly the schema in
// prisma/schema.prisma: applies them to a fresh in-memory PGlite, introspects it with the
// WASM schema engine and diffs it against the schema. With --url it also applies them to
// that (empty) PostgreSQL database and compares its catalog with PGlite's, object by object.
// Exit 0 and "identical" when all agree; exit 1 with the differences when not.
//   node --experimental-wasm-modules --import tsx prisma/tools/verify-migrations.ts [--url U] [--schema F]
import { parseArgs } from 'node:util';
import { openDatabase } from '../../server/src/db.ts';
import { migrate } from '../../server/src/migrate.ts';
import { describeSchema } from './catalog.ts';
import {
  diffScript,
  liveDatabaseTarget,
  openSchemaEngine,
  schemaPath,
  schemaTarget,
} from './schema-engine.ts';

const { values } = parseArgs({
  options: { url: { type: 'string' }, schema: { type: 'string' }, migrations: { type: 'string' } },
});
const schemaFile = values.schema ?? schemaPath;

const pglite = await openDatabase({ dataDir: 'memory://' });
try {
  const report = await migrate(pglite, values.migrations);
  const engine = await openSchemaEngine(pglite.adapter, schemaFile);
  const script = await diffScript(engine, liveDatabaseTarget(schemaFile), schemaTarget(schemaFile));
  if (script) {
    console.log(`differs: ${report.applied.length} migrations on pglite leave this to do:`);
    console.log(script);
    process.exitCode = 1;
  } else {
    console.log(`identical: ${report.applied.length} migrations on pglite yield the schema`);
  }
  if (values.url) await compareWithPostgres(values.url, await describeSchema(pglite.sql));
} finally {
  await pglite.close();
}

async function compareWithPostgres(url: string, expected: string[]): Promise<void> {
  const postgres = await openDatabase({ url, poolSize: 2 });
  try {
    await migrate(postgres, values.migrations);
    const actual = await describeSchema(postgres.sql);
    const missing = expected.filter((line) => !actual.includes(line));
    const extra = actual.filter((line) => !expected.includes(line));
    if (missing.length || extra.length) {
      console.log('differs: postgres and pglite catalogs disagree');
      for (const line of missing) console.log(`  only on pglite:   ${line}`);
      for (const line of extra) console.log(`  only on postgres: ${line}`);
      process.exitCode = 1;
    } else {
      console.log(`identical: postgres catalog equals pglite's (${actual.length} objects)`);
    }
  } finally {
    await postgres.close();
  }
}
