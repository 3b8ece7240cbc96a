import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { principalFromApiKey } from './api-keys.ts';
import { AuthError, bearerToken, isApiKey, type Principal, verifyToken } from './auth.ts';
import type { Database } from './db.ts';
import type { PrismaClient } from './generated/prisma/client.ts';

/**
 * What the caller may reach, resolved once per request from the principal: the department
 * (DEPARTMENT role) or region subtree (TOWNSHIP role) its rows are limited to, and the source
 * system whose records an INTEGRATION may write. Null means "not limited by this".
 */
export interface Access {
  departmentId: number | null;
  /** Region.path prefix, e.g. "/1/2/15/"; rows outside the subtree are invisible. */
  regionPath: string | null;
  sourceSystem: string | null;
}

/** What every resolver receives; a new object per request (or per WebSocket operation). */
export interface Context {
  db: Database;
  prisma: PrismaClient;
  /** Correlates log lines of one request; taken from `x-request-id` when a proxy sets one. */
  requestId: string;
  /** The time "now" for this request; tests pass a fixed clock. */
  clock: () => Date;
  /** Who is calling; null for a request without a token. */
  principal: Principal | null;
  access: Access;
}

export interface ContextServices {
  db: Database;
  clock: () => Date;
  /** The secret bearer tokens are signed with. */
  secret: string;
}

export interface RequestCredentials {
  requestId?: string | null | undefined;
  /** `Authorization: Bearer …` of an HTTP request, or graphql-ws connectionParams.authorization. */
  authorization?: string | null | undefined;
  /** `?token=` of the URL: how a wall screen that cannot set headers signs in. */
  token?: string | null | undefined;
  /** Already established for this request (see identify); the token is then not read again. */
  identity?: Identity | undefined;
}

/** Who is calling and what they may reach: established once per request or WebSocket connection. */
export interface Identity {
  principal: Principal | null;
  access: Access;
}

/** Longer ids from outside are not trusted as log keys. */
const REQUEST_ID = /^[\w.:-]{1,100}$/;

const unlimited: Access = { departmentId: null, regionPath: null, sourceSystem: null };

/** Nobody signed in: only `public` fields answer. */
export const anonymous: Identity = { principal: null, access: unlimited };

/**
 * The caller behind the credentials: anonymous without a token; a GraphQLError INVALID_TOKEN
 * (HTTP 401) for a token that is malformed, badly signed, expired, revoked or scoped to a
 * department or region that does not exist. A token the hub cannot accept is never treated as
 * anonymous, so a misconfigured screen fails loudly instead of showing less.
 */
export async function identify(
  services: ContextServices,
  credentials: RequestCredentials,
): Promise<Identity> {
  if (credentials.identity) return credentials.identity;
  try {
    const token = bearerToken(
      credentials.authorization ?? (credentials.token ? `Bearer ${credentials.token}` : null),
    );
    if (token === null) return anonymous;
    const principal = isApiKey(token)
      ? await principalFromApiKey(services.db.prisma, token, services.clock())
      : await verifyToken(services.secret, token);
    return { principal, access: await resolveAccess(services.db.prisma, principal) };
  } catch (error) {
    if (error instanceof AuthError) throw invalidToken(error.message);
    throw error;
  }
}

export async function createContext(
  services: ContextServices,
  credentials: RequestCredentials = {},
): Promise<Context> {
  const identity = await identify(services, credentials);
  return contextOf(
    services,
    identity,
    credentials.requestId && REQUEST_ID.test(credentials.requestId) ? credentials.requestId : randomUUID(),
  );
}

/** A context for an identity already established (the live hub computes as its subscribers). */
export function contextOf(
  services: ContextServices,
  identity: Identity,
  requestId: string = randomUUID(),
): Context {
  return {
    db: services.db,
    prisma: services.db.prisma,
    requestId,
    clock: services.clock,
    principal: identity.principal,
    access: identity.access,
  };
}

/** HTTP 401 with the RFC 6750 challenge, so HTTP clients know to fetch a new token. */
function invalidToken(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'INVALID_TOKEN',
      http: { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
    },
  });
}

async function resolveAccess(prisma: PrismaClient, principal: Principal): Promise<Access> {
  if (principal.role === 'DEPARTMENT') {
    const department = await prisma.department.findUnique({
      where: { code: principal.departmentCode ?? '' },
      select: { id: true },
    });
    if (!department) throw unknownScope(`department ${principal.departmentCode}`);
    return { ...unlimited, departmentId: department.id };
  }
  if (principal.role === 'TOWNSHIP') {
    const region = await prisma.region.findUnique({
      where: { code: principal.regionCode ?? '' },
      select: { path: true },
    });
    if (!region) throw unknownScope(`region ${principal.regionCode}`);
    return { ...unlimited, regionPath: region.path };
  }
  if (principal.role === 'INTEGRATION') return { ...unlimited, sourceSystem: principal.sourceSystem ?? null };
  return unlimited;
}

function unknownScope(what: string): AuthError {
  return new AuthError(`invalid token: ${what} does not exist`, 'INVALID_TOKEN');
}
