// What an administrator runs to let people, screens and systems in:
//   pnpm hub token --role <ROLE> [--department CODE] [--region CODE] [--source SYSTEM]
//                  [--subject NAME] [--expires 12h]          mints a JWT (no database needed; 12h
//                  by default, at most 30d, 366d for SCREEN and INTEGRATION)
//   pnpm hub api-key create --name NAME --role <ROLE> [--department CODE] [--region CODE]
//                  [--source SYSTEM]                          prints a new API key, once
//   pnpm hub api-key revoke <PREFIX>                          refuses the key from now on
//   pnpm hub api-key list                                     prefixes, names, roles, use
//   pnpm hub backup <FILE> / pnpm hub restore <FILE>           the embedded database (backup.ts)
// API keys live in the configured database (DATABASE_URL or the PGlite folder; the embedded
// database can be opened by one process at a time, so stop the server first).
import { parseArgs } from 'node:util';
import { createApiKey, revokeApiKey } from '../api-keys.ts';
import {
  defaultTokenLifetime,
  mintToken,
  type Role,
  requiredScope,
  roles,
  type ScopeClaim,
  signingSecret,
  tokenLifetimeProblem,
} from '../auth.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db.ts';
import { migrate } from '../migrate.ts';
import { backupEmbedded, restoreEmbedded } from './backup.ts';
import { runCli } from './run.ts';

const usage = `usage:
  pnpm hub token --role <ROLE> [--department CODE] [--region CODE] [--source SYSTEM] [--subject NAME] [--expires 30d]
  pnpm hub api-key create --name NAME --role <ROLE> [--department CODE] [--region CODE] [--source SYSTEM]
  pnpm hub api-key revoke <PREFIX>
  pnpm hub api-key list
  pnpm hub backup <FILE>
  pnpm hub restore <FILE>`;

const flags: Record<ScopeClaim, string> = {
  departmentCode: '--department',
  regionCode: '--region',
  sourceSystem: '--source',
};

interface Values {
  role?: string | undefined;
  department?: string | undefined;
  region?: string | undefined;
  source?: string | undefined;
}

/** The role and its scope from the flags; an operator error names what is missing. */
function roleAndScope(values: Values) {
  const role = values.role?.toUpperCase() as Role;
  if (!roles.includes(role)) throw new ConfigError(`--role must be one of ${roles.join(', ')}`);
  const scope = {
    ...(values.department ? { departmentCode: values.department } : {}),
    ...(values.region ? { regionCode: values.region } : {}),
    ...(values.source ? { sourceSystem: values.source } : {}),
  };
  const required = requiredScope(role);
  if (required && !scope[required]) throw new ConfigError(`role ${role} needs ${flags[required]}`);
  return { role, ...scope };
}

async function withDatabase(fn: (db: Database) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    await migrate(db);
    await fn(db);
  } finally {
    await db.close();
  }
}

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      department: { type: 'string' },
      region: { type: 'string' },
      source: { type: 'string' },
      subject: { type: 'string' },
      expires: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const [command, action, argument] = positionals;

  if (command === 'token') {
    const { role, ...scope } = roleAndScope(values);
    const expiresIn = values.expires ?? defaultTokenLifetime;
    const problem = tokenLifetimeProblem(role, expiresIn);
    if (problem) throw new ConfigError(`--expires: ${problem}`);
    const token = await mintToken(
      signingSecret(process.env),
      { subject: values.subject ?? `${role.toLowerCase()}-cli`, role, ...scope },
      { expiresIn },
    );
    console.log(token);
    return;
  }

  if (command === 'api-key' && action === 'create') {
    if (!values.name) throw new ConfigError('api-key create needs --name');
    const input = { name: values.name, ...roleAndScope(values) };
    await withDatabase(async (db) => {
      const { token, prefix } = await createApiKey(db.prisma, input);
      console.error(
        `created API key ${prefix} (${input.role}) "${input.name}"; it is shown once, store it now:`,
      );
      console.log(token);
    });
    return;
  }

  if (command === 'api-key' && action === 'revoke') {
    if (!argument) throw new ConfigError('api-key revoke needs the key’s prefix');
    await withDatabase(async (db) => {
      if (!(await revokeApiKey(db.prisma, argument))) {
        throw new ConfigError(`no active API key has the prefix ${argument}`);
      }
      console.log(`revoked API key ${argument}`);
    });
    return;
  }

  if ((command === 'backup' || command === 'restore') && action) {
    const config = loadConfig();
    if (command === 'backup') {
      const bytes = await backupEmbedded(config, action);
      console.log(`backed up ${config.dataDir} to ${action} (${bytes.toLocaleString('en')} bytes)`);
    } else {
      const migrations = await restoreEmbedded(config, action);
      console.log(`restored ${action} into ${config.dataDir} (${migrations} migrations applied in it)`);
    }
    return;
  }

  if (command === 'api-key' && action === 'list') {
    await withDatabase(async (db) => {
      const keys = await db.prisma.apiKey.findMany({ orderBy: { id: 'asc' } });
      for (const key of keys) {
        const scope = key.departmentCode ?? key.regionCode ?? key.sourceSystem ?? '-';
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
        const used = key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : 'never used';
        console.log(`${key.prefix}\t${key.role}\t${scope}\t${state}\t${used}\t${key.name}`);
      }
    });
    return;
  }

  throw new ConfigError(usage);
});
