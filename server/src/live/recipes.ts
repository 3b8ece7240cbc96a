// What a live query is to the hub: a "recipe" (the Query document derived from the
// subscription, its variables and the identity it is computed as), keyed by a hash so that
// subscribers with the same selection, variables and access share one. Also the bus topics and
// the result message every replica hands to its subscribers.
import { createHash } from 'node:crypto';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import type { Context } from '../context.ts';
import type { ErrorJson } from './broadcast.ts';

export const LIVE_FIELD = 'live';

export const TOPIC = {
  dirty: 'live:dirty',
  result: 'live:result',
  cases: 'live:feed:cases',
  events: 'live:feed:events',
  alerts: 'live:feed:alerts',
} as const;

export interface Identity {
  principal: Context['principal'];
  access: Context['access'];
}

export interface Recipe {
  /** The Query document derived from the subscription (every top-level field). */
  query: string;
  variables: Record<string, unknown>;
  identity: Identity;
}

/** A live query's result as the leader publishes it to every replica. */
export interface ResultMessage {
  key: string;
  seq: number;
  data: Record<string, unknown> | null;
  errors?: ErrorJson[];
}

export const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

export function splitDocument(document: DocumentNode, operationName?: string | null) {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operations.find((candidate) => !operationName || candidate.name?.value === operationName) ??
    operations[0];
  const fragments = document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  return { operation, fragments };
}

/** The selection of the `live` field, or null when the operation is not a live query. */
export function liveSelection(document: DocumentNode, operationName?: string | null): FieldNode | null {
  const { operation } = splitDocument(document, operationName);
  if (operation.operation !== 'subscription') return null;
  const [first, ...rest] = operation.selectionSet.selections;
  if (rest.length > 0 || first?.kind !== Kind.FIELD || first.name.value !== LIVE_FIELD) return null;
  return first;
}

/** A top-level selection's name: a field's response key, or `#<position>` for a fragment. */
export const selectionKey = (selection: SelectionNode, index: number) =>
  selection.kind === Kind.FIELD ? (selection.alias?.value ?? selection.name.value) : `#${index}`;

/** The live field's selection as a Query document, limited to some response keys if given. */
export function queryDocument(
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  selections: readonly SelectionNode[],
): DocumentNode {
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        ...operation,
        operation: 'query' as OperationDefinitionNode['operation'],
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments,
    ],
  };
}

export function identityKey(identity: Identity): Identity {
  const principal = identity.principal;
  return {
    // Who exactly does not change what a role sees; the role and its limits do.
    principal: principal
      ? {
          subject: `live:${principal.role}`,
          role: principal.role,
          ...(principal.departmentCode ? { departmentCode: principal.departmentCode } : {}),
          ...(principal.regionCode ? { regionCode: principal.regionCode } : {}),
          ...(principal.sourceSystem ? { sourceSystem: principal.sourceSystem } : {}),
        }
      : null,
    access: identity.access,
  };
}
