// `pnpm hub token --role <ROLE> [--department CODE] [--region CODE] [--source SYSTEM]
//                 [--subject NAME] [--expires 30d]`: mints a bearer token, as an administrator
// does to set up a screen or a system.
import { parseArgs } from 'node:util';
import { mintToken, type Role, requiredScope, roles, signingSecret } from '../auth.ts';
import { ConfigError } from '../config.ts';
import { runCli } from './run.ts';

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
    },
  });
  if (positionals[0] !== 'token') {
    throw new ConfigError(
      'usage: pnpm hub token --role <ROLE> [--department CODE] [--region CODE] [--source SYSTEM]',
    );
  }
  const role = values.role?.toUpperCase() as Role;
  if (!roles.includes(role)) throw new ConfigError(`--role must be one of ${roles.join(', ')}`);
  const principal = {
    subject: values.subject ?? `${role.toLowerCase()}-cli`,
    role,
    ...(values.department ? { departmentCode: values.department } : {}),
    ...(values.region ? { regionCode: values.region } : {}),
    ...(values.source ? { sourceSystem: values.source } : {}),
  };
  const scope = requiredScope(role);
  if (scope && !principal[scope]) {
    const flag = { departmentCode: '--department', regionCode: '--region', sourceSystem: '--source' }[
      scope as 'departmentCode' | 'regionCode' | 'sourceSystem'
    ];
    throw new ConfigError(`role ${role} needs ${flag}`);
  }
  const token = await mintToken(
    signingSecret(process.env),
    principal,
    values.expires ? { expiresIn: values.expires } : {},
  );
  console.log(token);
});
