// `pnpm db:migration <name>`: writes prisma/migrations/<stamp>_<name>/migration.sql with the
// SQL that takes the existing migrations to prisma/schema.prisma. Offline: the existing
// migrations are replayed on an in-memory PGlite shadow database by the WASM schema engine.
// `pnpm db:migration --check` exits 1 when schema.prisma has changes no migration holds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffScript, migrationList, migrationsDir, openSchemaEngine, schemaTarget } from './schema-engine.ts';

const args = process.argv.slice(2);
const check = args.includes('--check');
const name = args.find((arg) => !arg.startsWith('--'));

if (!check && (!name || !/^[a-z0-9_]+$/.test(name))) {
  console.error('usage: pnpm db:migration <name_in_snake_case> | --check');
  process.exit(2);
}

const engine = await openSchemaEngine();
const script = await diffScript(engine, migrationList(), schemaTarget());

if (check) {
  if (script) {
    console.error('prisma/schema.prisma has changes that no migration holds; run pnpm db:migration <name>:');
    console.error(script);
    process.exit(1);
  }
  console.log('migrations match prisma/schema.prisma');
  process.exit(0);
}

if (!script) {
  console.log('No changes: the migrations already match prisma/schema.prisma.');
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), script);
console.log(`Created ${join('prisma/migrations', `${stamp}_${name}`, 'migration.sql')}`);
