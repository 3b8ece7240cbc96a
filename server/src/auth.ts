// Who is calling. A bearer token is either a JWT (HS256, signed with HUB_JWT_SECRET), what an
// administrator mints for a person or a screen with `pnpm hub token`, or an API key
// `hub_<prefix>_<secret>` for another system (`pnpm hub api-key create`, api-keys.ts). Either
// names a role and, for the scoped roles, what it is scoped to: DEPARTMENT a department code,
// TOWNSHIP a region code, INTEGRATION the source system whose records it may write.
import { createHash, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';

export const roles = [
  'ADMIN',
  'STAFF',
  'DEPARTMENT',
  'TOWNSHIP',
  'ANALYST',
  'SCREEN',
  'INTEGRATION',
] as const;
export type Role = (typeof roles)[number];

export interface Principal {
  subject: string;
  role: Role;
  departmentCode?: string;
  regionCode?: string;
  sourceSystem?: string;
}

/** The secret used when none is configured; accepted only outside production. */
export const developmentSecret = 'county-ops-hub-development-secret-do-not-use-in-production';
const issuer = 'county-ops-hub';

/** A production secret is at least this long. */
export const minimumSecretLength = 32;

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    message: string,
    readonly code: 'UNAUTHENTICATED' | 'INVALID_TOKEN' | 'INSECURE_SECRET',
  ) {
    super(message);
  }
}

/** Why a secret is unfit for production, or null when it is fit. */
export function insecureSecretReason(secret: string | undefined): string | null {
  if (!secret) return 'HUB_JWT_SECRET is not set';
  if (secret === developmentSecret) return 'HUB_JWT_SECRET is the development default';
  if (secret.length < minimumSecretLength) {
    return `HUB_JWT_SECRET is shorter than ${minimumSecretLength} characters`;
  }
  return null;
}

/** The signing secret; production refuses a missing, default or short one. */
export function signingSecret(env: { NODE_ENV?: string; HUB_JWT_SECRET?: string | undefined }): string {
  const secret = env.HUB_JWT_SECRET;
  const insecure = env.NODE_ENV === 'production' ? insecureSecretReason(secret) : null;
  if (insecure) {
    throw new AuthError(
      `${insecure}: production needs a random secret of at least ${minimumSecretLength} characters (e.g. openssl rand -base64 48)`,
      'INSECURE_SECRET',
    );
  }
  return secret || developmentSecret;
}

const keys = new Map<string, KeyObject>();

/**
 * The HMAC key object of a secret, made once: given raw bytes, jose imports a key on every
 * verification, which the API benchmark showed as ~7 % of the server's CPU.
 */
function key(secret: string): KeyObject {
  let found = keys.get(secret);
  if (!found) {
    found = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, found);
  }
  return found;
}

/** The claims that limit a scoped role. */
export type ScopeClaim = 'departmentCode' | 'regionCode' | 'sourceSystem';

/** The claim a role cannot do without: DEPARTMENT, TOWNSHIP and INTEGRATION are scoped. */
export function requiredScope(role: Role): ScopeClaim | undefined {
  return role === 'DEPARTMENT'
    ? 'departmentCode'
    : role === 'TOWNSHIP'
      ? 'regionCode'
      : role === 'INTEGRATION'
        ? 'sourceSystem'
        : undefined;
}

/** How long a token lives when its minter names no lifetime. */
export const defaultTokenLifetime = '12h';

/**
 * The longest lifetime a token may ask for: a screen on a wall or another system runs for a
 * year between visits; a person signs in again within a month.
 */
export function maxTokenLifetimeSeconds(role: Role): number {
  const days = role === 'SCREEN' || role === 'INTEGRATION' ? 366 : 30;
  return days * 24 * 60 * 60;
}

const lifetimeUnits = { s: 1, m: 60, h: 60 * 60, d: 24 * 60 * 60 } as const;

/** Seconds of a lifetime such as `90m`, `12h` or `365d`; null for anything else. */
export function lifetimeSeconds(lifetime: string): number | null {
  const match = /^(\d+)([smhd])$/.exec(lifetime.trim());
  const amount = Number(match?.[1]);
  return match && amount > 0 ? amount * lifetimeUnits[match[2] as keyof typeof lifetimeUnits] : null;
}

/** Why a role's token cannot live this long, or null when it can. */
export function tokenLifetimeProblem(role: Role, lifetime: string): string | null {
  const seconds = lifetimeSeconds(lifetime);
  if (seconds === null) return `lifetime ${lifetime} is not a number of s, m, h or d, e.g. 12h`;
  const longest = maxTokenLifetimeSeconds(role);
  return seconds > longest ? `a ${role} token lives at most ${longest / 86_400}d` : null;
}

/**
 * A signed JWT for the principal, valid for `expiresIn` (default 12 hours, at most
 * maxTokenLifetimeSeconds of its role): a token that never expires cannot be taken back.
 */
export async function mintToken(
  secret: string,
  principal: Principal,
  options: { expiresIn?: string; issuedAt?: Date } = {},
): Promise<string> {
  const scope = requiredScope(principal.role);
  if (scope && !principal[scope]) throw new Error(`role ${principal.role} needs ${scope}`);
  const expiresIn = options.expiresIn ?? defaultTokenLifetime;
  const problem = tokenLifetimeProblem(principal.role, expiresIn);
  if (problem) throw new Error(problem);
  const lifetime = lifetimeSeconds(expiresIn) ?? 0;
  const issuedAt = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000);
  return new SignJWT({
    role: principal.role,
    ...(principal.departmentCode ? { dept: principal.departmentCode } : {}),
    ...(principal.regionCode ? { region: principal.regionCode } : {}),
    ...(principal.sourceSystem ? { source: principal.sourceSystem } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.subject)
    .setIssuer(issuer)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetime)
    .sign(key(secret));
}

export async function verifyToken(secret: string, token: string): Promise<Principal> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key(secret), {
      issuer,
      algorithms: ['HS256'],
      // Tokens minted before lifetimes were bounded never expire: they are refused.
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    throw new AuthError(`invalid token: ${(error as Error).message}`, 'INVALID_TOKEN');
  }
  const role = payload.role as Role;
  if (!roles.includes(role) || typeof payload.sub !== 'string') {
    throw new AuthError('invalid token: no known role', 'INVALID_TOKEN');
  }
  const principal: Principal = { subject: payload.sub, role };
  if (typeof payload.dept === 'string') principal.departmentCode = payload.dept;
  if (typeof payload.region === 'string') principal.regionCode = payload.region;
  if (typeof payload.source === 'string') principal.sourceSystem = payload.source;
  const scope = requiredScope(role);
  if (scope && !principal[scope])
    throw new AuthError(`invalid token: role ${role} without ${scope}`, 'INVALID_TOKEN');
  return principal;
}

/**
 * What keeps an accepted token valid later: a JWT until its `exp` (milliseconds since the epoch),
 * an API key until it is revoked. A WebSocket re-checks it while it stays open.
 */
export type TokenLease = { expiresAt: number } | { apiKeyPrefix: string };

/** The lease of a token that verifyToken or principalFromApiKey has just accepted. */
export function leaseOf(token: string): TokenLease {
  if (isApiKey(token)) return { apiKeyPrefix: parseApiKey(token).prefix };
  const { exp } = decodeJwt(token);
  if (typeof exp !== 'number') throw new AuthError('invalid token: no expiry', 'INVALID_TOKEN');
  return { expiresAt: exp * 1000 };
}

/** The token of an `Authorization: Bearer <token>` header; null without a header. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw new AuthError('Authorization must be "Bearer <token>"', 'INVALID_TOKEN');
  return match[1];
}

/** The principal behind an Authorization header carrying a JWT; null when there is none. */
export async function principalFromHeader(secret: string, header: string | null): Promise<Principal | null> {
  const token = bearerToken(header);
  return token === null ? null : verifyToken(secret, token);
}

// API keys: `hub_` + 8 hex digits that find the key + `_` + 43 base64url characters (256 random
// bits) of secret. The prefix has a fixed length, so the secret may contain `_`.
const API_KEY = /^hub_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export function isApiKey(token: string): boolean {
  return token.startsWith('hub_');
}

/** The prefix and secret of an API key; INVALID_TOKEN when it is not shaped like one. */
export function parseApiKey(token: string): { prefix: string; secret: string } {
  const match = API_KEY.exec(token);
  if (!match?.[1] || !match[2]) throw new AuthError('invalid token: malformed API key', 'INVALID_TOKEN');
  return { prefix: match[1], secret: match[2] };
}

/** Hex SHA-256: the secret has 256 random bits, so a slow password hash would add nothing. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares in constant time, so the response time tells nothing about the stored hash. */
export function apiKeySecretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A fresh key: the bearer token (shown once) and what is stored of it. */
export function generateApiKey(): { token: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(4).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `hub_${prefix}_${secret}`, prefix, secretHash: hashApiKeySecret(secret) };
}
