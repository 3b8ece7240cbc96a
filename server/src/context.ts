import { randomUUID } from 'node:crypto';
import type { Database } from './db.ts';
import type { PrismaClient } from './generated/prisma/client.ts';

/** Who is asking. Every request is `public` until the API issue brings sign-in and roles. */
export type Role = 'public' | 'admin';

export interface Viewer {
  role: Role;
}

/** What every resolver receives; a new object per request (or per WebSocket operation). */
export interface Context {
  db: Database;
  prisma: PrismaClient;
  /** Correlates log lines of one request; taken from `x-request-id` when a proxy sets one. */
  requestId: string;
  /** The time "now" for this request; tests pass a fixed clock. */
  clock: () => Date;
  viewer: Viewer;
}

export interface ContextServices {
  db: Database;
  clock: () => Date;
}

/** Longer ids from outside are not trusted as log keys. */
const REQUEST_ID = /^[\w.:-]{1,100}$/;

export function createContext(
  services: ContextServices,
  incomingRequestId?: string | null | undefined,
): Context {
  return {
    db: services.db,
    prisma: services.db.prisma,
    requestId: incomingRequestId && REQUEST_ID.test(incomingRequestId) ? incomingRequestId : randomUUID(),
    clock: services.clock,
    viewer: { role: 'public' },
  };
}
