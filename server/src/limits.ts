// Limits that keep ad-hoc queries from hurting the database: size and shape limits checked
// before anything runs (GraphQL Armor), a time limit on queries, and in production no schema
// introspection or field suggestions except for the roles that explore the schema.
// Every refusal carries a stable `extensions.code` a client can act on.

import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import {
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Role } from './auth.ts';
import type { Context, Identity } from './context.ts';

/** The codes of refused requests, as `extensions.code`. */
export const limitCodes = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  tokens: 'TOO_MANY_TOKENS',
  directives: 'TOO_MANY_DIRECTIVES',
  cost: 'QUERY_TOO_COSTLY',
  timeout: 'REQUEST_TIMEOUT',
  introspection: 'INTROSPECTION_DISABLED',
} as const;

export interface Limits {
  /** Nesting of selections; a connection costs two levels (edges, node). */
  maxDepth: number;
  /** Aliased fields in one operation (a screen's overview uses a dozen). */
  maxAliases: number;
  /** Lexical tokens of the document: bounds parsing work before anything else. */
  maxTokens: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** GraphQL Armor's static cost: 2 per object, 1 per scalar, ×1.5 per level of depth. */
  maxCost: number;
  /** A query still running after this long is answered with REQUEST_TIMEOUT. */
  requestTimeoutMs: number;
  /** Production: introspection and field suggestions only for the roles below. */
  production: boolean;
}

export const defaultLimits: Limits = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 3000,
  maxDirectives: 30,
  maxCost: 5000,
  requestTimeoutMs: 10_000,
  production: false,
};

/** Who may explore the schema in production: the administrators and the analysts. */
export const schemaExplorers: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'ANALYST']);

/** What the limits read from Yoga's initial context: the caller, identified before validation. */
type LimitContext = { identity?: Identity };

/** Armor's messages start with "Syntax Error: " even for validation; the code says what it is. */
function refusal(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } });
}

/** Reports the refusal as a validation error with its code instead of throwing Armor's own. */
function reportAs(code: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        if (context) context.reportError(refusal(error, code));
        else throw refusal(error, code);
      },
    ],
  };
}

/** Refuses `__schema` and `__type`; `__typename` stays, clients need it. */
const introspectionDisabledRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError(`Introspection is disabled for your role (field "${node.name.value}").`, {
          nodes: node,
          extensions: { code: limitCodes.introspection },
        }),
      );
    }
  },
});

/**
 * In production, callers outside `schemaExplorers` cannot introspect and get no "Did you mean"
 * hints. Decided per request from the caller identified before validation; the rule's name makes
 * Yoga's validation cache keep the two kinds of callers apart.
 */
function useSchemaExploration(production: boolean): Plugin<LimitContext> {
  const hideSuggestions = blockFieldSuggestionsPlugin({ mask: '' });
  return {
    onValidate(payload) {
      if (!production) return;
      const role = payload.context.identity?.principal?.role;
      if (role && schemaExplorers.has(role)) return;
      payload.addValidationRule(introspectionDisabledRule);
      return hideSuggestions.onValidate?.(payload as never);
    },
  };
}

/**
 * Queries answer within the time limit or with REQUEST_TIMEOUT (HTTP 503); the execution's
 * signal aborts so no further resolvers start, and the database drops the query's work
 * (Database.cancelOn): PostgreSQL cancels the statement running, no further one starts. The pool's
 * statement_timeout (the same limit, db.ts) is the backstop for statements outside a request.
 * Mutations are not cut short: their transaction would still commit after the answer said
 * otherwise. Subscriptions run until unsubscribed.
 */
function useQueryTimeout(timeoutMs: number): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'query') return;
      setExecuteFn(async (executionArgs: ExecutionArgs & { signal?: AbortSignal }) => {
        const controller = new AbortController();
        const signals = [controller.signal, executionArgs.signal].filter((s): s is AbortSignal => !!s);
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => {
            const error = new GraphQLError(`The query did not finish within ${timeoutMs} ms.`, {
              extensions: { code: limitCodes.timeout, http: { status: 503 } },
            });
            controller.abort(error);
            resolve({ errors: [error] });
          }, timeoutMs);
        });
        const signal = AbortSignal.any(signals);
        const execute = () => Promise.resolve(executeFn({ ...executionArgs, signal } as ExecutionArgs));
        const { db } = executionArgs.contextValue as Partial<Context>;
        try {
          return await Promise.race([db ? db.cancelOn(signal, execute) : execute(), timedOut]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}

/** The envelop plugins for Yoga, in the order they apply: parse, validate, execute. */
export function limitPlugins(limits: Limits): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens, ...reportAs(limitCodes.tokens) }),
    maxDepthPlugin({ n: limits.maxDepth, ...reportAs(limitCodes.depth) }),
    maxAliasesPlugin({ n: limits.maxAliases, ...reportAs(limitCodes.aliases) }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...reportAs(limitCodes.directives) }),
    costLimitPlugin({ maxCost: limits.maxCost, ...reportAs(limitCodes.cost) }),
    useSchemaExploration(limits.production) as Plugin,
    useQueryTimeout(limits.requestTimeoutMs),
  ];
}
