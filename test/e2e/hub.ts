// A hub for the screen's tests: the real server (HTTP + graphql-ws) on a free port over a given
// database, a SCREEN token for the screen and a STAFF token to write cases as the platform would.
import { randomUUID } from 'node:crypto';
import { mintToken } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { createHubServer } from '../../server/src/server.ts';

const secret = 'screen-test-secret-0123456789abcdef0123456789';

export interface ScreenHub {
  url: string;
  port: number;
  screenToken: string;
  /** A STAFF token, to write records as the platform would. */
  staffToken: string;
  /** POSTs a GraphQL document as `token` (SCREEN by default) and returns `data`. */
  graphql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  /** Writes one case submitted now, as a STAFF user would; returns its global id. */
  writeCase(input?: { regionCode?: string; applicantName?: string }): Promise<string>;
  stop(): Promise<void>;
}

export interface ScreenHubOptions {
  /** The screen's build; the hub's default (dashboard/dist) otherwise. */
  dashboardDir?: string;
  /** A port to listen on, e.g. that of a hub stopped before (a restart); a free one by default. */
  port?: number;
}

export async function startScreenHub(db: Database, options: ScreenHubOptions = {}): Promise<ScreenHub> {
  const hub = createHubServer({
    db,
    secret,
    shutdownGraceMs: 1_000,
    ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}),
  });
  const port = await hub.listen(options.port ?? 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const screenToken = await mintToken(
    secret,
    { subject: 'screen-test', role: 'SCREEN' },
    { expiresIn: '1h' },
  );
  const staffToken = await mintToken(secret, { subject: 'staff-test', role: 'STAFF' }, { expiresIn: '1h' });

  async function graphql<T>(query: string, variables: Record<string, unknown> = {}, token = screenToken) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  }

  return {
    url,
    port,
    screenToken,
    staffToken,
    graphql,
    async writeCase(input = {}) {
      const result = await graphql<{ upsertServiceCase: { serviceCase: { id: string } } }>(
        `mutation ScreenTestCase($input: ServiceCaseInput!) {
          upsertServiceCase(input: $input, sourceSystem: "screen-test") { serviceCase { id } }
        }`,
        {
          input: {
            externalId: `screen-test-${randomUUID()}`,
            itemCode: 'SX0001',
            regionCode: input.regionCode ?? '990121003000',
            channel: 'WINDOW',
            oneNetwork: true,
            applicantKind: 'PERSON',
            applicantName: input.applicantName ?? '张三丰',
            status: 'SUBMITTED',
            submittedAt: new Date().toISOString(),
          },
        },
        staffToken,
      );
      return result.upsertServiceCase.serviceCase.id;
    },
    stop: () => hub.stop(),
  };
}
