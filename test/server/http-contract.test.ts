// The contract other apps build on: GraphQL over HTTP as the spec has it (GET for queries only,
// POST, `application/graphql-response+json` and its status codes, legacy `application/json`),
// masked unexpected errors, and a GraphiQL whose example operations run against this schema.
import { parse, validate } from 'graphql';
import { beforeAll, describe, expect, test } from 'vitest';
import { developmentSecret, mintToken } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { analystExamples } from '../../server/src/graphiql-examples.ts';
import { defaultLimits } from '../../server/src/limits.ts';
import { logger } from '../../server/src/logger.ts';
import { schema } from '../../server/src/schema.ts';
import { createHubYoga, type HubYoga } from '../../server/src/yoga.ts';
import { migratedDatabase } from '../fixtures/database.ts';

const graphqlResponse = 'application/graphql-response+json';
let db: Database;
let yoga: HubYoga;
let authorization: string;

beforeAll(async () => {
  db = await migratedDatabase();
  yoga = createHubYoga({ db, clock: () => new Date(), secret: developmentSecret }, logger);
  authorization = `Bearer ${await mintToken(developmentSecret, { subject: 'contract', role: 'ANALYST' })}`;
});

const get = (query: string, accept = graphqlResponse) =>
  yoga.fetch(`http://hub/graphql?query=${encodeURIComponent(query)}`, { headers: { accept, authorization } });

const post = (body: unknown, accept = graphqlResponse, contentType = 'application/json') =>
  yoga.fetch('http://hub/graphql', {
    method: 'POST',
    headers: { 'content-type': contentType, accept, authorization },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('request size', () => {
  const limit = defaultLimits.maxBodyBytes;

  test('a body over 10 MB is 413 PAYLOAD_TOO_LARGE from its length, before it is parsed', async () => {
    // Not even JSON: a parse would answer 400, so 413 shows the body was never read.
    const response = await yoga.fetch('http://hub/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(limit + 1),
        accept: graphqlResponse,
        authorization,
      },
      body: 'x'.repeat(limit + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: `请求体过大：最多 10 MB，本次 ${limit + 1} 字节。`,
          extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: limit, bytes: limit + 1 },
        },
      ],
    });
  });

  test('a body of exactly 10 MB is read and answered', async () => {
    const query = '{ me { role } }';
    const text = JSON.stringify({ query, variables: { pad: 'y'.repeat(limit - query.length - 40) } });
    const body = text.padEnd(limit, ' ');
    const response = await yoga.fetch('http://hub/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        accept: graphqlResponse,
        authorization,
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { role: 'ANALYST' } } });
  });
});

describe('GraphQL over HTTP', () => {
  test('GET runs a query and answers application/graphql-response+json', async () => {
    const response = await get('{ me { role } }');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(await response.json()).toEqual({ data: { me: { role: 'ANALYST' } } });
  });

  test('GET refuses a mutation with 405 and says POST is allowed', async () => {
    const response = await get('mutation { __typename }');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toBe('Can only perform a mutation operation from a POST request.');
  });

  test('POST with a JSON body; variables and operationName select the operation', async () => {
    const response = await post({
      query:
        'query A { a: me { role } } query B($y: Int!) { b: oneNetworkRate(year: $y) { year totalCases } }',
      operationName: 'B',
      variables: { y: 2023 },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { b: null } });
  });

  test('graphql-response+json: parse, validation and variable errors are 400, without data', async () => {
    const parseError = await post({ query: '{ me { role }' });
    expect(parseError.status).toBe(400);
    expect(await parseError.json()).toMatchObject({
      errors: [
        {
          message: 'Syntax Error: Expected Name, found <EOF>.',
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ],
    });

    const invalid = await post({ query: '{ me { colour } }' });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('data');
    expect(body).toMatchObject({
      errors: [
        {
          message: 'Cannot query field "colour" on type "Caller".',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });

    // A variable that cannot be coerced is a request error too: no data, so 4xx.
    const missingVariable = await post({ query: 'query ($y: Int!) { oneNetworkRate(year: $y) { rate } }' });
    expect(missingVariable.status).toBe(400);
    expect(await missingVariable.json()).toEqual({
      errors: [
        expect.objectContaining({ message: 'Variable "$y" of required type "Int!" was not provided.' }),
      ],
    });
  });

  test('legacy application/json: the same validation error is 200, as that media type requires', async () => {
    const response = await post({ query: '{ me { colour } }' }, 'application/json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
  });

  test('a request without a query is 400; an Accept the hub cannot answer is 406', async () => {
    const empty = await post({ variables: {} });
    expect(empty.status).toBe(400);
    const unacceptable = await post({ query: '{ me { role } }' }, 'application/xml');
    expect(unacceptable.status).toBe(406);
  });

  test('application/graphql bodies are accepted too', async () => {
    const response = await post('{ me { role } }', graphqlResponse, 'application/graphql');
    expect(await response.json()).toEqual({ data: { me: { role: 'ANALYST' } } });
  });
});

describe('errors', () => {
  test('an unexpected failure is masked as "Unexpected error."; typed errors keep message and code', async () => {
    const failing = createHubYoga(
      {
        db: {
          ...db,
          prisma: new Proxy(db.prisma, {
            get: (target, property, receiver) =>
              property === 'region'
                ? {
                    findMany: () => {
                      throw new Error('connection to 10.0.0.7:5432 lost: password authentication failed');
                    },
                  }
                : Reflect.get(target, property, receiver),
          }),
        },
        clock: () => new Date(),
        secret: developmentSecret,
      },
      logger,
    );
    const response = await failing.fetch('http://hub/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: graphqlResponse, authorization },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    const body = JSON.stringify(await response.json());
    expect(body).toContain('"message":"Unexpected error."');
    expect(body).not.toContain('10.0.0.7');

    const typed = await post({ query: '{ oneNetworkRate(year: 1999) { rate } }' });
    expect(await typed.json()).toMatchObject({
      errors: [{ message: 'year must be 2000 or later', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });
});

describe('GraphiQL', () => {
  test('a browser gets GraphiQL opening the analyst examples as tabs', async () => {
    const response = await yoga.fetch('http://hub/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const name of ['Overview', 'TownshipRanking', 'RateByYear']) expect(html).toContain(`query ${name}`);
  });

  test('outside production its tabs carry the development ANALYST token the server was given', async () => {
    const withToken = createHubYoga({ db, clock: () => new Date(), secret: developmentSecret }, logger, {
      graphiqlToken: 'dev-analyst-token',
    });
    const html = await (
      await withToken.fetch('http://hub/graphql', { headers: { accept: 'text/html' } })
    ).text();
    expect(html).toContain('Bearer dev-analyst-token');
    const plain = await (await yoga.fetch('http://hub/graphql', { headers: { accept: 'text/html' } })).text();
    expect(plain).not.toContain('dev-analyst-token');
  });

  test('every example is valid against the schema (overview, rankings, trends)', () => {
    expect(analystExamples.length).toBeGreaterThanOrEqual(3);
    for (const example of analystExamples) {
      expect(validate(schema, parse(example.query)).map((error) => error.message)).toEqual([]);
    }
  });

  test('the examples run with an ANALYST token', async () => {
    for (const example of analystExamples) {
      const response = await post({ query: example.query, variables: example.variables });
      const body = (await response.json()) as { errors?: unknown[] };
      expect(body.errors).toBeUndefined();
    }
  });
});
