// Who is calling: bearer tokens are JWTs (HS256) signed with HUB_JWT_SECRET. A token names a
// role and, for the scoped roles, what it is scoped to: DEPARTMENT a department code,
// TOWNSHIP a region code, INTEGRATION the source system whose records it may write.
import { jwtVerify, SignJWT } from 'jose';

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

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    message: string,
    readonly code: 'UNAUTHENTICATED' | 'INVALID_TOKEN' | 'INSECURE_SECRET',
  ) {
    super(message);
  }
}

/** The signing secret; production refuses a missing, default or short one. */
export function signingSecret(env: { NODE_ENV?: string; HUB_JWT_SECRET?: string | undefined }): string {
  const secret = env.HUB_JWT_SECRET;
  if (env.NODE_ENV === 'production' && (!secret || secret === developmentSecret || secret.length < 32)) {
    throw new AuthError(
      'HUB_JWT_SECRET must be set to a random secret of at least 32 characters in production',
      'INSECURE_SECRET',
    );
  }
  return secret || developmentSecret;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export function requiredScope(role: Role): keyof Principal | undefined {
  return role === 'DEPARTMENT'
    ? 'departmentCode'
    : role === 'TOWNSHIP'
      ? 'regionCode'
      : role === 'INTEGRATION'
        ? 'sourceSystem'
        : undefined;
}

export async function mintToken(
  secret: string,
  principal: Principal,
  options: { expiresIn?: string } = {},
): Promise<string> {
  const scope = requiredScope(principal.role);
  if (scope && !principal[scope]) throw new Error(`role ${principal.role} needs ${scope}`);
  const jwt = new SignJWT({
    role: principal.role,
    ...(principal.departmentCode ? { dept: principal.departmentCode } : {}),
    ...(principal.regionCode ? { region: principal.regionCode } : {}),
    ...(principal.sourceSystem ? { source: principal.sourceSystem } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.subject)
    .setIssuer(issuer)
    .setIssuedAt();
  if (options.expiresIn) jwt.setExpirationTime(options.expiresIn);
  return jwt.sign(key(secret));
}

export async function verifyToken(secret: string, token: string): Promise<Principal> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { issuer, algorithms: ['HS256'] }));
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

/** The principal behind an Authorization header; null when there is none. */
export async function principalFromHeader(secret: string, header: string | null): Promise<Principal | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw new AuthError('Authorization must be "Bearer <token>"', 'UNAUTHENTICATED');
  return verifyToken(secret, match[1]);
}
