// Who may see and do what: anonymous callers, JWTs and API keys, what each role reaches,
// personal-data masking, the `pnpm hub` commands and what the server does with its secret at
// start. On a real port, so WebSockets and the 401 answers are what a client sees.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { createApiKey, revokeApiKey } from '../../server/src/api-keys.ts';
import {
  developmentSecret,
  mintToken,
  type Principal,
  type Role,
  roles,
  verifyToken,
} from '../../server/src/auth.ts';
import { type Database, openDatabase } from '../../server/src/db.ts';
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts';
import { migrate } from '../../server/src/migrate.ts';
import { maskPersonal, personal } from '../../server/src/personal.ts';
import { schema } from '../../server/src/schema.ts';
import { createHubServer, type HubServer } from '../../server/src/server.ts';
import { backend, createPostgresDatabase, migratedDatabase } from '../fixtures/database.ts';

const now = new Date('2026-11-28T02:00:00.000Z');

/** A county, a township, a department, an item and one case: enough to tell roles apart. */
async function insertFixture(prisma: PrismaClient) {
  const county = await prisma.region.create({
    data: { code: '339901000000', name: '示例县', level: 'COUNTY', kind: 'COUNTY', isHome: true, path: '' },
  });
  await prisma.region.update({ where: { id: county.id }, data: { path: `/${county.id}/` } });
  const township = await prisma.region.create({
    data: {
      code: '339901100000',
      name: '东城镇',
      level: 'TOWNSHIP',
      kind: 'TOWN',
      isHome: true,
      parentId: county.id,
      path: '',
    },
  });
  await prisma.region.update({ where: { id: township.id }, data: { path: `/${county.id}/${township.id}/` } });
  const department = await prisma.department.create({
    data: { code: 'D-MSR', name: '县市场监督管理局', shortName: '市场监管' },
  });
  const item = await prisma.serviceItem.create({
    data: {
      code: 'I-0001',
      name: '个体工商户设立登记',
      departmentId: department.id,
      allowedChannels: ['WEB'],
      allowedLevels: ['COUNTY', 'TOWNSHIP'],
      legalDays: 15,
      promisedDays: 3,
    },
  });
  await prisma.serviceCase.create({
    data: {
      sourceSystem: 'fixture',
      externalId: 'auth-c01',
      itemId: item.id,
      regionId: township.id,
      townshipId: township.id,
      channel: 'WEB',
      oneNetwork: true,
      applicantKind: 'PERSON',
      applicantName: '张三丰',
      applicantIdNumber: '330102199001011234',
      applicantPhone: '13812345678',
      status: 'COMPLETED',
      submittedAt: new Date('2023-03-05T10:00:00+08:00'),
    },
  });
  return { department, township };
}

let db: Database;
let hub: HubServer;
let base: string;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  db = await migratedDatabase();
  const { department, township } = await insertFixture(db.prisma);
  for (const role of roles) {
    const principal: Principal = { subject: `auth-${role.toLowerCase()}`, role };
    if (role === 'DEPARTMENT') principal.departmentCode = department.code;
    if (role === 'TOWNSHIP') principal.regionCode = township.code;
    if (role === 'INTEGRATION') principal.sourceSystem = 'fixture';
    tokens.set(role, await mintToken(developmentSecret, principal));
  }
  hub = createHubServer({ db, clock: () => now, dashboardDir: '/nonexistent/dist' });
  base = `http://127.0.0.1:${await hub.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await hub?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
}

/** POST as a role (its token), with a raw Authorization header, or anonymously (null). */
async function post(query: string, as: Role | { authorization: string } | null): Promise<Answer> {
  const authorization =
    as === null ? undefined : typeof as === 'string' ? `Bearer ${tokens.get(as)}` : as.authorization;
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer['body'],
  };
}

const codes = (answer: Answer) => answer.body.errors?.map((error) => error.extensions?.code) ?? [];

describe('anonymous callers', () => {
  test('may ask who they are (nobody) and nothing else: the rest is UNAUTHENTICATED', async () => {
    expect(await post('{ me { role } }', null)).toMatchObject({ status: 200, body: { data: { me: null } } });

    for (const query of [
      '{ regions { code } }',
      '{ oneNetworkRate(year: 2023) { rate } }',
      '{ serviceCases { totalCount } }',
      '{ auditLogs { totalCount } }',
    ]) {
      const refused = await post(query, null);
      expect(refused.status).toBe(200);
      expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
      expect(refused.body.errors?.[0]?.message).toBe('Sign in with a bearer token.');
    }
  });
});

describe('the schema is closed by default', () => {
  /** Pothos keeps each field's options on its extensions. */
  const options = (extensions: unknown) =>
    (extensions as { pothosOptions?: { authScopes?: unknown; skipTypeScopes?: boolean } } | undefined)
      ?.pothosOptions ?? {};

  test('Query and Subscription need a token for every field but the public few', () => {
    const open: string[] = [];
    for (const root of [schema.getQueryType(), schema.getSubscriptionType()]) {
      expect(options(root?.extensions).authScopes).toEqual({ authenticated: true });
      for (const field of Object.values(root?.getFields() ?? {})) {
        if (options(field.extensions).skipTypeScopes) open.push(`${root?.name}.${field.name}`);
      }
    }
    expect(open.sort()).toEqual(['Query.me', 'Subscription.serverTime']);
  });

  test('every mutation states who may call it', () => {
    const mutation = schema.getMutationType();
    const typeScopes = options(mutation?.extensions).authScopes;
    const unguarded = Object.values(mutation?.getFields() ?? {})
      .filter((field) => !typeScopes && !options(field.extensions).authScopes)
      .map((field) => field.name);
    expect(unguarded).toEqual([]);
  });
});

describe('bearer tokens', () => {
  test('a JWT names its role and scope; `me` shows them', async () => {
    const { body } = await post(
      '{ me { subject role departmentCode regionCode sourceSystem personalData } }',
      'DEPARTMENT',
    );
    expect(body).toEqual({
      data: {
        me: {
          subject: 'auth-department',
          role: 'DEPARTMENT',
          departmentCode: 'D-MSR',
          regionCode: null,
          sourceSystem: null,
          personalData: true,
        },
      },
    });
  });

  test('?token= signs in a screen that cannot set headers', async () => {
    const url = `${base}/graphql?token=${tokens.get('SCREEN')}&query=${encodeURIComponent('{ me { role } }')}`;
    const response = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(await response.json()).toEqual({ data: { me: { role: 'SCREEN' } } });
  });

  test('a token the hub cannot accept is 401 INVALID_TOKEN with a Bearer challenge, never anonymous', async () => {
    const forged = await mintToken('another-secret-another-secret-another', { subject: 'x', role: 'ADMIN' });
    const expired = await mintToken(
      developmentSecret,
      { subject: 'x', role: 'ADMIN' },
      { expiresIn: '1h', issuedAt: new Date(Date.now() - 2 * 60 * 60 * 1000) },
    );
    const unknownDepartment = await mintToken(developmentSecret, {
      subject: 'x',
      role: 'DEPARTMENT',
      departmentCode: 'D-NONE',
    });
    for (const authorization of [
      `Bearer ${forged}`,
      `Bearer ${expired}`,
      `Bearer ${unknownDepartment}`,
      'Bearer not-a-token',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer hub_0000000_${'x'.repeat(43)}`,
    ]) {
      const refused = await post('{ me { role } }', { authorization });
      expect(refused.status, authorization).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(codes(refused), authorization).toEqual(['INVALID_TOKEN']);
      expect(refused.body.data).toBeUndefined();
    }
  });

  test('over WebSocket: a bad token closes the connection with 4403, a good one subscribes', async () => {
    const wsUrl = `${base.replace('http', 'ws')}/graphql`;
    const refused = new WebSocket(wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => refused.once('open', resolve));
    refused.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer forged' } }));
    const code = await new Promise<number>((resolve) =>
      refused.once('close', (closeCode) => resolve(closeCode)),
    );
    expect(code).toBe(4403);

    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tokens.get('SCREEN')}` },
    });
    try {
      for await (const result of client.iterate({ query: 'subscription { serverTime }' })) {
        expect(result).toEqual({ data: { serverTime: now.toISOString() } });
        break;
      }
    } finally {
      await client.dispose();
    }
  });
});

describe('what each role reaches', () => {
  test('every role reads aggregates; SCREEN never reads rows', async () => {
    for (const role of roles) {
      const figure = await post('{ oneNetworkRate(year: 2023) { totalCases } }', role);
      expect(figure.body, role).toEqual({ data: { oneNetworkRate: { totalCases: 1 } } });
      const rows = await post('{ serviceCases { totalCount } }', role);
      if (role === 'SCREEN') {
        expect(codes(rows)).toEqual(['FORBIDDEN']);
        expect(rows.body.errors?.[0]?.message).toBe('Not allowed for your role.');
      } else {
        expect(rows.body, role).toEqual({ data: { serviceCases: { totalCount: 1 } } });
      }
    }
  });

  test('SCREEN cannot reach a row through node(id) either', async () => {
    const { body } = await post('{ serviceCases { edges { node { id } } } }', 'ANALYST');
    const { serviceCases } = body.data as { serviceCases: { edges: Array<{ node: { id: string } }> } };
    const id = serviceCases.edges[0]?.node.id;
    const query = `{ node(id: "${id}") { ... on ServiceCase { externalId } } }`;
    expect((await post(query, 'ANALYST')).body).toEqual({ data: { node: { externalId: 'auth-c01' } } });
    expect(codes(await post(query, 'SCREEN'))).toEqual(['FORBIDDEN']);
  });
});

describe('API keys for systems', () => {
  test('a key signs in as its role and source; its use is recorded; revoked it is 401', async () => {
    const { token, prefix } = await createApiKey(db.prisma, {
      name: '一网通办平台',
      role: 'INTEGRATION',
      sourceSystem: 'one-network',
    });
    expect(token).toMatch(new RegExp(`^hub_${prefix}_[A-Za-z0-9_-]{43}$`));
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix } });
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token.slice(13));

    const me = await post('{ me { subject role sourceSystem personalData } }', {
      authorization: `Bearer ${token}`,
    });
    expect(me.body).toEqual({
      data: {
        me: {
          subject: `api-key:${prefix}:一网通办平台`,
          role: 'INTEGRATION',
          sourceSystem: 'one-network',
          personalData: false,
        },
      },
    });
    expect((await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix } })).lastUsedAt).toEqual(now);

    const wrongSecret = `hub_${prefix}_${'A'.repeat(43)}`;
    expect(codes(await post('{ me { role } }', { authorization: `Bearer ${wrongSecret}` }))).toEqual([
      'INVALID_TOKEN',
    ]);

    expect(await revokeApiKey(db.prisma, prefix, now)).toBe(true);
    expect(await revokeApiKey(db.prisma, prefix, now)).toBe(false);
    const revoked = await post('{ me { role } }', { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
    expect(codes(revoked)).toEqual(['INVALID_TOKEN']);
    expect(revoked.body.errors?.[0]?.message).toBe('invalid token: the API key was revoked');
  });

  test('a scoped role needs its scope', async () => {
    await expect(createApiKey(db.prisma, { name: 'x', role: 'DEPARTMENT' })).rejects.toThrow(
      'role DEPARTMENT needs departmentCode',
    );
  });
});

describe('personal data (ID numbers, phones, names)', () => {
  test('masks keep the first character of a name, 6 + 4 of an ID number, 3 + 4 of a phone', () => {
    expect(maskPersonal('name', '张三丰')).toBe('张**');
    expect(maskPersonal('name', '欧阳')).toBe('欧*');
    expect(maskPersonal('name', '张')).toBe('*');
    expect(maskPersonal('idNumber', '330102199001011234')).toBe('330102********1234');
    expect(maskPersonal('idNumber', '33010219900')).toBe('330102*9900');
    expect(maskPersonal('phone', '13812345678')).toBe('138****5678');
    expect(maskPersonal('phone', '1234567')).toBe('*******');
  });

  test('ADMIN, STAFF, DEPARTMENT and TOWNSHIP see it; the other roles and anonymous do not', () => {
    const seen = Object.fromEntries(
      roles.map((role) => [role, personal({ principal: { subject: 's', role } }, 'phone', '13812345678')]),
    );
    expect(seen).toEqual({
      ADMIN: '13812345678',
      STAFF: '13812345678',
      DEPARTMENT: '13812345678',
      TOWNSHIP: '13812345678',
      ANALYST: '138****5678',
      SCREEN: '138****5678',
      INTEGRATION: '138****5678',
    });
    expect(personal({ principal: null }, 'name', '张三丰')).toBe('张**');
    expect(personal({ principal: null }, 'name', null)).toBeNull();
  });

  test('through GraphQL: a case’s applicant is masked for ANALYST and INTEGRATION, not for the others', async () => {
    const query = '{ serviceCases { edges { node { applicantName applicantIdNumber applicantPhone } } } }';
    const applicant = async (role: Role) =>
      ((await post(query, role)).body.data as { serviceCases: { edges: Array<{ node: unknown }> } })
        .serviceCases.edges[0]?.node;
    const masked = {
      applicantName: '张**',
      applicantIdNumber: '330102********1234',
      applicantPhone: '138****5678',
    };
    const unmasked = {
      applicantName: '张三丰',
      applicantIdNumber: '330102199001011234',
      applicantPhone: '13812345678',
    };
    for (const role of ['ANALYST', 'INTEGRATION'] as const)
      expect(await applicant(role), role).toEqual(masked);
    for (const role of ['ADMIN', 'STAFF', 'DEPARTMENT', 'TOWNSHIP'] as const) {
      expect(await applicant(role), role).toEqual(unmasked);
    }
  });
});

/** Runs a server/src command under tsx with only the given environment. */
function run(script: string, args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** A database of the backend under test that the spawned process can open by itself. */
async function standaloneDatabase(): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  if (backend === 'postgres') {
    const url = await createPostgresDatabase();
    return { env: { DATABASE_URL: url }, open: () => openDatabase({ url, poolSize: 2 }) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hub-auth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { env: { HUB_DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }) };
}

describe('pnpm hub', () => {
  test('token: a scoped role without its scope is one line and exit 1; otherwise a verifiable JWT', async () => {
    const missing = run('server/src/cli/hub.ts', ['token', '--role', 'department'], {});
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('hub: role DEPARTMENT needs --department');

    const minted = run(
      'server/src/cli/hub.ts',
      ['token', '--role', 'township', '--region', '339901100000'],
      {},
    );
    expect(minted.status).toBe(0);
    expect(await verifyToken(developmentSecret, minted.stdout.trim())).toEqual({
      subject: 'township-cli',
      role: 'TOWNSHIP',
      regionCode: '339901100000',
    });
  });

  test('token: 12 hours unless --expires says otherwise; people at most 30d, screens at most 366d', async () => {
    const lifetimeOf = (token: string) => {
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
      return (claims.exp ?? Number.POSITIVE_INFINITY) - claims.iat;
    };
    const person = run('server/src/cli/hub.ts', ['token', '--role', 'staff'], {});
    expect(person.status).toBe(0);
    expect(lifetimeOf(person.stdout.trim())).toBe(12 * 3600);

    const screen = run('server/src/cli/hub.ts', ['token', '--role', 'screen', '--expires', '365d'], {});
    expect(screen.status).toBe(0);
    expect(lifetimeOf(screen.stdout.trim())).toBe(365 * 86_400);

    const tooLong = run('server/src/cli/hub.ts', ['token', '--role', 'staff', '--expires', '365d'], {});
    expect(tooLong.status).toBe(1);
    expect(tooLong.stderr.trim()).toBe('hub: --expires: a STAFF token lives at most 30d');
    const malformed = run('server/src/cli/hub.ts', ['token', '--role', 'screen', '--expires', 'forever'], {});
    expect(malformed.status).toBe(1);
    expect(malformed.stderr.trim()).toBe(
      'hub: --expires: lifetime forever is not a number of s, m, h or d, e.g. 12h',
    );
    await expect(
      mintToken(developmentSecret, { subject: 'wall', role: 'SCREEN' }, { expiresIn: '400d' }),
    ).rejects.toThrow('a SCREEN token lives at most 366d');
  });

  test('a token without an expiry (minted before lifetimes were bounded) is refused', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256' })}.${part({ role: 'ADMIN', sub: 'old-admin', iss: 'county-ops-hub', iat: Math.floor(Date.now() / 1000) })}`;
    const endless = `${unsigned}.${createHmac('sha256', developmentSecret).update(unsigned).digest('base64url')}`;
    await expect(verifyToken(developmentSecret, endless)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  test('api-key create prints the key once; revoke marks it revoked; list shows it', async () => {
    const database = await standaloneDatabase();
    const created = run(
      'server/src/cli/hub.ts',
      ['api-key', 'create', '--name', '政企通', '--role', 'INTEGRATION', '--source', 'zqt'],
      database.env,
    );
    expect(created.status, created.stderr).toBe(0);
    const token = created.stdout.trim();
    const prefix = /^hub_([0-9a-f]{8})_/.exec(token)?.[1] ?? '';
    expect(prefix).not.toBe('');
    expect(created.stderr).toContain(`created API key ${prefix} (INTEGRATION) "政企通"`);

    const revoked = run('server/src/cli/hub.ts', ['api-key', 'revoke', prefix], database.env);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(revoked.stdout.trim()).toBe(`revoked API key ${prefix}`);

    const listed = run('server/src/cli/hub.ts', ['api-key', 'list'], database.env);
    expect(listed.stdout).toMatch(
      new RegExp(`^${prefix}\\tINTEGRATION\\tzqt\\trevoked \\S+\\tnever used\\t政企通$`, 'm'),
    );
  });
});

describe('the secret at start', () => {
  test('production refuses a missing, default or short HUB_JWT_SECRET with one line, before the database', () => {
    for (const [secret, reason] of [
      [undefined, 'HUB_JWT_SECRET is not set'],
      [developmentSecret, 'HUB_JWT_SECRET is the development default'],
      ['short-secret', 'HUB_JWT_SECRET is shorter than 32 characters'],
    ] as const) {
      const result = run('server/src/main.ts', [], {
        NODE_ENV: 'production',
        HUB_SEED: 'off',
        PORT: '0',
        // A database that would fail differently: the secret is checked first.
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/x',
        ...(secret ? { HUB_JWT_SECRET: secret } : {}),
      });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(
        `hub: ${reason}; production needs a random secret of at least 32 characters (e.g. openssl rand -base64 48)`,
      );
    }
  });

  test('outside production it prints a token for every role, scoped to the first department and township', async () => {
    const database = await standaloneDatabase();
    const prepared = await database.open();
    try {
      await migrate(prepared);
      await insertFixture(prepared.prisma);
    } finally {
      await prepared.close();
    }
    const secret = 'a-test-secret-that-is-long-enough-0123456789';
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HUB_SEED: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        HUB_JWT_SECRET: secret,
        ...database.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const printed = new Map<string, string>();
    try {
      await new Promise<void>((resolve, reject) => {
        let buffer = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) {
            const entry = JSON.parse(line) as { msg: string; role?: string; token?: string };
            if (entry.msg.startsWith('development token for ') && entry.role && entry.token) {
              printed.set(entry.role, entry.token);
            }
            if (printed.size === roles.length) resolve();
          }
        });
        child.once('exit', (code) =>
          reject(new Error(`main.ts exited with ${code} before printing the tokens`)),
        );
      });
    } finally {
      child.kill('SIGTERM');
    }
    const principals = await Promise.all(roles.map((role) => verifyToken(secret, printed.get(role) ?? '')));
    expect(
      principals.map(({ role, departmentCode, regionCode, sourceSystem }) => [
        role,
        departmentCode ?? regionCode ?? sourceSystem ?? null,
      ]),
    ).toEqual([
      ['ADMIN', null],
      ['STAFF', null],
      ['DEPARTMENT', 'D-MSR'],
      ['TOWNSHIP', '339901100000'],
      ['ANALYST', null],
      ['SCREEN', null],
      ['INTEGRATION', 'demo'],
    ]);
  });
});
