// Limits that keep ad-hoc queries from hurting the database: size and shape limits checked
// before anything runs (GraphQL Armor for depth, aliases, tokens and directives; operationCost
// for what a response may hold, once the variables are known), a time limit on queries, and in production no schema
// introspection or field suggestions except for the roles that explore the schema.
// Every refusal carries a stable `extensions.code` a client can act on.

import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
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
  nodeIds: 'TOO_MANY_IDS',
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
  /** The most field values a response may hold (operationCost): each field of each item counts once. */
  maxCost: number;
  /** The largest request body, in bytes: a larger one is refused with 413 before it is read. */
  maxBodyBytes: number;
  /** Global ids one `nodes(ids:)` may fetch. */
  maxNodeIds: number;
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
  maxCost: 100_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxNodeIds: 100,
  requestTimeoutMs: 10_000,
  production: false,
};

/** Page sizes of connections, as the Prisma plugin applies them (builder.ts). */
export const pageSizes = { default: 20, max: 200 } as const;

/**
 * Items a list that is not a connection is counted as: most are short (rows of a ranking). A list
 * with list arguments (`nodes(ids:)`) returns an item per element: it counts at least that many.
 */
const LIST_ITEMS = 20;

/** Elements of a list argument, from the document or its variables; 0 when it is not a list. */
function listLength(value: ValueNode, variables: Record<string, unknown>): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return Array.isArray(given) ? given.length : 0;
  }
  return 0;
}

/** What the cost of an operation depends on besides its selections. */
interface CostInput {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

const isConnection = (type: GraphQLCompositeType) => type.name.endsWith('Connection');

/** A page size as the connection applies it: capped at the largest, the default when unset. */
function pageSize(value: ValueNode, variables: Record<string, unknown>): number {
  const size =
    value.kind === Kind.INT
      ? Number(value.value)
      : value.kind === Kind.VARIABLE
        ? variables[value.name.value]
        : null;
  return typeof size === 'number' ? Math.min(Math.max(size, 0), pageSizes.max) : pageSizes.default;
}

/**
 * How many items a field returns at most: its page for a connection (whose `edges` are that
 * page, not a further list), LIST_ITEMS for another list of objects, else one.
 */
function itemsOf(
  parent: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  input: CostInput,
): number {
  const type = getNamedType(field.type);
  const connection =
    isCompositeType(type) && isConnection(type) && field.args.some((a) => a.name === 'first');
  if (!connection) {
    const list = isListType(getNullableType(field.type)) && isCompositeType(type) && !isConnection(parent);
    if (!list) return 1;
    const lengths = (node.arguments ?? []).map((argument) => listLength(argument.value, input.variables));
    return Math.max(LIST_ITEMS, ...lengths);
  }
  const sizes = (node.arguments ?? [])
    .filter((argument) => argument.name.value === 'first' || argument.name.value === 'last')
    .map((argument) => pageSize(argument.value, input.variables));
  return sizes.length === 0 ? pageSizes.default : Math.max(...sizes);
}

function selectionCost(
  input: CostInput,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragmentsOnPath: Set<string>,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name === '__schema' || name === '__type') continue;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (!field) {
        cost += 1;
        continue;
      }
      const type = getNamedType(field.type);
      const inner =
        selection.selectionSet && isCompositeType(type)
          ? selectionCost(input, type, selection.selectionSet, fragmentsOnPath)
          : 0;
      cost += itemsOf(parent, field, selection, input) * (1 + inner);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? input.schema.getType(selection.typeCondition.name.value)
        : parent;
      if (type && isCompositeType(type))
        cost += selectionCost(input, type, selection.selectionSet, fragmentsOnPath);
    } else {
      const name = selection.name.value;
      const fragment = input.fragments.get(name);
      const type = fragment && input.schema.getType(fragment.typeCondition.name.value);
      // Validation refuses fragment cycles; the guard only keeps this from looping.
      if (!fragment || !type || !isCompositeType(type) || fragmentsOnPath.has(name)) continue;
      fragmentsOnPath.add(name);
      cost += selectionCost(input, type, fragment.selectionSet, fragmentsOnPath);
      fragmentsOnPath.delete(name);
    }
  }
  return cost;
}

/**
 * What an operation may cost: every field value its response can hold, a connection's fields
 * counted for each item of its page (`first`/`last` from the document or its variables; the
 * default page when unset; never more than the largest page a connection serves). So 20 problems
 * with 5 slips each cost about what they return, while a page of 200 inside a page of 200 costs
 * 40,000 times its fields. Counted when the operation runs, once its variables are known.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const given = variables ?? {};
  const withDefaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const fallback =
      definition.defaultValue?.kind === Kind.INT ? Number(definition.defaultValue.value) : undefined;
    withDefaults[name] = given[name] ?? fallback;
  }
  const fragments = new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return selectionCost(
    { schema, fragments, variables: withDefaults },
    root,
    operation.selectionSet,
    new Set(),
  );
}

/**
 * Refuses an operation whose response could hold more than maxCost field values, before it runs
 * (HTTP 400, QUERY_TOO_COSTLY). Queries, mutations and subscriptions alike.
 */
function useCostLimit(maxCost: number, maxNodeIds: number): Plugin {
  const refuse = (args: ExecutionArgs, stop: (result: ExecutionResult) => void) => {
    const ids = nodeIdsAsked(args);
    if (ids > maxNodeIds) {
      stop({
        errors: [
          new GraphQLError(`nodes(ids:) 一次最多查询 ${maxNodeIds} 个 ID，本次为 ${ids} 个，请分批查询。`, {
            extensions: { code: limitCodes.nodeIds, ids, maxNodeIds, http: { status: 400 } },
          }),
        ],
      });
      return;
    }
    const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues);
    if (cost <= maxCost) return;
    stop({
      errors: [
        new GraphQLError(
          `Query cost limit of ${maxCost} exceeded, found ${cost}: each field of each item a response may hold counts once, a connection for each item of its page (${pageSizes.default} when first/last is unset).`,
          { extensions: { code: limitCodes.cost, cost, maxCost, http: { status: 400 } } },
        ),
      ],
    });
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => refuse(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => refuse(args, setResultAndStopExecution),
  };
}

/** The most ids one `nodes(ids:)` field of the operation asks for. */
function nodeIdsAsked(args: ExecutionArgs): number {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== 'query') return 0;
  let most = 0;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== 'nodes') continue;
    const ids = selection.arguments?.find((argument) => argument.name.value === 'ids');
    if (ids) most = Math.max(most, listLength(ids.value, args.variableValues ?? {}));
  }
  return most;
}

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
    useCostLimit(limits.maxCost, limits.maxNodeIds),
    useSchemaExploration(limits.production) as Plugin,
    useQueryTimeout(limits.requestTimeoutMs),
  ];
}
