// API keys for other systems (the one-network platform, 政企通, the credit system, departments):
// long-lived bearer tokens an administrator creates and revokes from the command line. The
// database keeps the prefix that finds a key and the SHA-256 of its secret, never the key.
import {
  AuthError,
  apiKeySecretMatches,
  generateApiKey,
  type Principal,
  parseApiKey,
  type Role,
  requiredScope,
  roles,
} from './auth.ts';
import type { PrismaClient } from './generated/prisma/client.ts';

export interface ApiKeyInput {
  name: string;
  role: Role;
  sourceSystem?: string | undefined;
  departmentCode?: string | undefined;
  regionCode?: string | undefined;
}

/** Creates a key; the returned token is the only copy of its secret. */
export async function createApiKey(
  prisma: PrismaClient,
  input: ApiKeyInput,
): Promise<{ token: string; prefix: string }> {
  const scope = requiredScope(input.role);
  if (scope && !input[scope]) throw new Error(`role ${input.role} needs ${scope}`);
  const { token, prefix, secretHash } = generateApiKey();
  await prisma.apiKey.create({
    data: {
      name: input.name,
      role: input.role,
      prefix,
      secretHash,
      sourceSystem: input.sourceSystem ?? null,
      departmentCode: input.departmentCode ?? null,
      regionCode: input.regionCode ?? null,
    },
  });
  return { token, prefix };
}

/** Revokes the key with this prefix; false when there is none or it was already revoked. */
export async function revokeApiKey(prisma: PrismaClient, prefix: string, at = new Date()): Promise<boolean> {
  const { count } = await prisma.apiKey.updateMany({
    where: { prefix, revokedAt: null },
    data: { revokedAt: at },
  });
  return count === 1;
}

/** lastUsedAt is written at most this often per key and process, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;
const lastTouched = new Map<string, number>();

/** The principal an API key stands for; INVALID_TOKEN for an unknown, wrong or revoked key. */
export async function principalFromApiKey(
  prisma: PrismaClient,
  token: string,
  now: Date,
): Promise<Principal> {
  const { prefix, secret } = parseApiKey(token);
  const key = await prisma.apiKey.findUnique({ where: { prefix } });
  if (!key || !apiKeySecretMatches(secret, key.secretHash)) {
    throw new AuthError('invalid token: unknown API key', 'INVALID_TOKEN');
  }
  if (key.revokedAt) throw new AuthError('invalid token: the API key was revoked', 'INVALID_TOKEN');
  const role = key.role as Role;
  if (!roles.includes(role))
    throw new AuthError('invalid token: the API key has no known role', 'INVALID_TOKEN');
  const principal: Principal = { subject: `api-key:${key.prefix}:${key.name}`, role };
  if (key.departmentCode) principal.departmentCode = key.departmentCode;
  if (key.regionCode) principal.regionCode = key.regionCode;
  if (key.sourceSystem) principal.sourceSystem = key.sourceSystem;
  const scope = requiredScope(role);
  if (scope && !principal[scope]) {
    throw new AuthError(`invalid token: API key of role ${role} without ${scope}`, 'INVALID_TOKEN');
  }

  const touched = lastTouched.get(prefix);
  if (touched === undefined || now.getTime() - touched >= TOUCH_INTERVAL_MS || now.getTime() < touched) {
    lastTouched.set(prefix, now.getTime());
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return principal;
}

/**
 * Of these prefixes, those whose key no longer signs in (revoked or deleted), in one statement:
 * open WebSockets signed in with a key ask this every few seconds (socket-identity.ts).
 */
export async function withdrawnApiKeys(
  prisma: PrismaClient,
  prefixes: readonly string[],
): Promise<Set<string>> {
  if (prefixes.length === 0) return new Set();
  const valid = await prisma.apiKey.findMany({
    where: { prefix: { in: [...prefixes] }, revokedAt: null },
    select: { prefix: true },
  });
  const kept = new Set(valid.map((key) => key.prefix));
  return new Set(prefixes.filter((prefix) => !kept.has(prefix)));
}
