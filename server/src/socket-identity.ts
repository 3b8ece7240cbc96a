// A WebSocket signs in once, at connection_init, and may stay open for days: its token must keep
// holding while it does. The identity is re-checked before every new operation, at the JWT's
// expiry (a timer at `exp`), and every `recheckMs` for API keys, against the database, so a key
// revoked through any replica ends the sockets of every replica. A socket whose token no longer
// holds is closed with 4403 Forbidden, which ends its subscriptions; its client signs in again.
import { GraphQLError } from 'graphql';
import { withdrawnApiKeys } from './api-keys.ts';
import { bearerToken, leaseOf, type TokenLease } from './auth.ts';
import { type ContextServices, type Identity, identify, type RequestCredentials } from './context.ts';
import type { Logger } from './logger.ts';

/** What graphql-ws's socket offers that the checks need (a `ws` WebSocket). */
export interface IdentifiedSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

export interface SocketIdentities {
  /**
   * Identifies a socket from its connection_init credentials and keeps its lease; throws what
   * identify() throws for a token the hub cannot accept.
   */
  connect(socket: IdentifiedSocket, credentials: RequestCredentials): Promise<Identity>;
  /** The socket's identity for a new operation; null when it no longer holds (the socket is then closed). */
  current(socket: IdentifiedSocket): Promise<Identity | null>;
  stop(): void;
}

export interface SocketIdentityOptions {
  /** How often API-key sockets ask the database whether their key still holds (and expiries are swept). */
  recheckMs: number;
}

/** Close code of graphql-ws for a refused identity. */
export const FORBIDDEN = 4403;

/**
 * The answer to an operation whose socket was just closed for its token; graphql-ws needs one,
 * though a closing socket no longer delivers it.
 */
export function invalidSocketToken(): GraphQLError {
  return new GraphQLError('令牌已过期或已被吊销，请重新登录。', { extensions: { code: 'INVALID_TOKEN' } });
}

/** setTimeout's longest delay (about 24.8 days); a longer expiry re-arms its timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Held {
  identity: Identity;
  lease: TokenLease | null;
  timer?: NodeJS.Timeout;
}

export function socketIdentities(
  services: ContextServices,
  logger: Logger,
  options: SocketIdentityOptions,
): SocketIdentities {
  const held = new Map<IdentifiedSocket, Held>();

  function refuse(socket: IdentifiedSocket, reason: string): void {
    const entry = held.get(socket);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    held.delete(socket);
    logger.info(
      { subject: entry.identity.principal?.subject, reason },
      'WebSocket closed: its token no longer holds',
    );
    socket.close(FORBIDDEN, `Forbidden: ${reason}`);
  }

  function armExpiry(socket: IdentifiedSocket, entry: Held, expiresAt: number): void {
    const delay = expiresAt - Date.now();
    if (delay <= 0) {
      refuse(socket, 'the token expired');
      return;
    }
    entry.timer = setTimeout(() => armExpiry(socket, entry, expiresAt), Math.min(delay, MAX_TIMER_MS));
    entry.timer.unref();
  }

  let sweeping = false;
  async function sweep(): Promise<void> {
    if (sweeping) return;
    sweeping = true;
    try {
      const byKey = new Map<string, IdentifiedSocket[]>();
      const now = Date.now();
      for (const [socket, { lease }] of held) {
        if (lease && 'expiresAt' in lease && lease.expiresAt <= now) refuse(socket, 'the token expired');
        else if (lease && 'apiKeyPrefix' in lease) {
          byKey.set(lease.apiKeyPrefix, [...(byKey.get(lease.apiKeyPrefix) ?? []), socket]);
        }
      }
      const withdrawn = await withdrawnApiKeys(services.db.prisma, [...byKey.keys()]);
      for (const prefix of withdrawn) {
        for (const socket of byKey.get(prefix) ?? []) refuse(socket, 'the API key was revoked');
      }
    } catch (error) {
      // The database is away: the sockets keep their identity until the next sweep can ask.
      logger.warn({ err: error }, 'the API keys of open WebSockets could not be re-checked');
    } finally {
      sweeping = false;
    }
  }
  const sweeper = setInterval(() => void sweep(), options.recheckMs);
  sweeper.unref();

  return {
    async connect(socket, credentials) {
      const identity = await identify(services, credentials);
      const token = bearerToken(
        credentials.authorization ?? (credentials.token ? `Bearer ${credentials.token}` : null),
      );
      const entry: Held = { identity, lease: token === null ? null : leaseOf(token) };
      held.set(socket, entry);
      socket.once('close', () => {
        if (entry.timer) clearTimeout(entry.timer);
        held.delete(socket);
      });
      if (entry.lease && 'expiresAt' in entry.lease) armExpiry(socket, entry, entry.lease.expiresAt);
      return identity;
    },
    async current(socket) {
      const entry = held.get(socket);
      if (!entry) return null;
      const { lease } = entry;
      if (lease && 'expiresAt' in lease && lease.expiresAt <= Date.now()) {
        refuse(socket, 'the token expired');
        return null;
      }
      if (lease && 'apiKeyPrefix' in lease) {
        const withdrawn = await withdrawnApiKeys(services.db.prisma, [lease.apiKeyPrefix]);
        if (withdrawn.size > 0) {
          refuse(socket, 'the API key was revoked');
          return null;
        }
      }
      return entry.identity;
    },
    stop() {
      clearInterval(sweeper);
      for (const entry of held.values()) if (entry.timer) clearTimeout(entry.timer);
      held.clear();
    },
  };
}
