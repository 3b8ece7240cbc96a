// What the hub does with text it cannot store or would misread: a NUL or a lone surrogate in
// any string argument or variable is refused with BAD_USER_INPUT and where it was (it used to
// reach the database as INTERNAL_SERVER_ERROR), and `%`, `_` and `\` in a search match only
// themselves (they used to be LIKE wildcards).
import { beforeAll, describe, expect, test } from 'vitest';
import { developmentSecret, mintToken } from '../../server/src/auth.ts';
import type { Database } from '../../server/src/db.ts';
import { logger } from '../../server/src/logger.ts';
import { createHubYoga, type HubYoga } from '../../server/src/yoga.ts';
import { migratedDatabase } from '../fixtures/database.ts';

const now = new Date('2026-11-28T02:00:00.000Z');
let db: Database;
let yoga: HubYoga;
let token: string;

beforeAll(async () => {
  db = await migratedDatabase();
  await db.prisma.department.createMany({
    data: [
      { code: 'PCT', name: '百分之百局', shortName: '100%办' },
      { code: 'PLAIN', name: '一百号局', shortName: '100号办' },
      { code: 'UNDER', name: '下划线局', shortName: 'a_b办' },
      { code: 'AXB', name: '字母局', shortName: 'axb办' },
      { code: 'SLASH', name: '反斜杠局', shortName: 'c\\d办' },
    ],
  });
  yoga = createHubYoga({ db, clock: () => now, secret: developmentSecret }, logger);
  token = await mintToken(developmentSecret, { subject: 'input-admin', role: 'ADMIN' });
});

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: { code?: string; argument?: string } }>;
  };
}

async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await yoga.fetch('http://hub/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const departments = 'query ($search: String) { departments(search: $search) { edges { node { code } } } }';

async function codesFound(search: string): Promise<string[]> {
  const answer = await post(departments, { search });
  expect(answer.body.errors).toBeUndefined();
  const found = answer.body.data?.departments as { edges: Array<{ node: { code: string } }> };
  return found.edges.map((edge) => edge.node.code).sort();
}

describe('text the database cannot store', () => {
  test.each([
    ['a NUL', 'a\u0000b', '含有空字符（NUL）'],
    ['a lone high surrogate', 'a\ud800b', '含有不成对的代理字符（非法 Unicode）'],
    ['a lone low surrogate', '\udc00', '含有不成对的代理字符（非法 Unicode）'],
  ])('%s in a variable is BAD_USER_INPUT naming the variable', async (_name, search, reason) => {
    const answer = await post(departments, { search });
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      {
        message: `参数 $search ${reason}，无法保存。`,
        extensions: { code: 'BAD_USER_INPUT', argument: '$search' },
      },
    ]);
  });

  test('a NUL inside a nested input variable names its path', async () => {
    const query = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const answer = await post(query, { ids: ['ok', 'bad\u0000'] });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: '$ids[1]' });
  });

  test('a NUL in a string literal of the document names the field and argument', async () => {
    const answer = await post('{ list: departments(search: "a\\u0000") { totalCount } }');
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'list.search' });
  });

  test('a surrogate pair (an emoji) is a character like any other', async () => {
    expect(await codesFound('😀')).toEqual([]);
  });
});

describe('search text is literal', () => {
  test('% matches a percent sign only', async () => {
    expect(await codesFound('100%')).toEqual(['PCT']);
  });

  test('_ matches an underscore only', async () => {
    expect(await codesFound('a_b')).toEqual(['UNDER']);
  });

  test('\\ matches a backslash only', async () => {
    expect(await codesFound('c\\d')).toEqual(['SLASH']);
  });

  test('an ordinary search still finds substrings, case-insensitively', async () => {
    expect(await codesFound('AXB')).toEqual(['AXB']);
    expect(await codesFound('100')).toEqual(['PCT', 'PLAIN']);
  });
});
