import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { AuthError, type Principal, principalFromHeader } from './auth.ts';
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
}

/** Longer ids from outside are not trusted as log keys. */
const REQUEST_ID = /^[\w.:-]{1,100}$/;

const unlimited: Access = { departmentId: null, regionPath: null, sourceSystem: null };

export async function createContext(
  services: ContextServices,
  credentials: RequestCredentials = {},
): Promise<Context> {
  const { db } = services;
  const header = credentials.authorization ?? (credentials.token ? `Bearer ${credentials.token}` : null);
  let principal: Principal | null;
  try {
    principal = await principalFromHeader(services.secret, header);
  } catch (error) {
    if (error instanceof AuthError) {
      throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
    }
    throw error;
  }
  return {
    db,
    prisma: db.prisma,
    requestId:
      credentials.requestId && REQUEST_ID.test(credentials.requestId) ? credentials.requestId : randomUUID(),
    clock: services.clock,
    principal,
    access: principal ? await resolveAccess(db.prisma, principal) : unlimited,
  };
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

function unknownScope(what: string): GraphQLError {
  return new GraphQLError(`invalid token: ${what} does not exist`, {
    extensions: { code: 'INVALID_TOKEN', http: { status: 401 } },
  });
}
