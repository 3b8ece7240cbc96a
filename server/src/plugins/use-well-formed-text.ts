// PostgreSQL cannot store a NUL character in text, and a lone UTF-16 surrogate is no character
// at all: either one reached the database as an unexpected error. They are refused up front, in
// string literals of the document and in variables alike, naming where they were.
import { type ArgumentNode, type ExecutionArgs, type ExecutionResult, GraphQLError, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The code of the refusal, as `extensions.code`. */
export const malformedTextCode = 'BAD_USER_INPUT';

/** With the `u` flag a pair is one code point, so only a surrogate standing alone matches. */
const loneSurrogate = /\p{Cs}/u;

/** Why a string cannot be stored, or null when it can. */
export function malformedTextReason(text: string): string | null {
  if (text.includes('\0')) return '含有空字符（NUL）';
  if (loneSurrogate.test(text)) return '含有不成对的代理字符（非法 Unicode）';
  return null;
}

interface Found {
  path: string;
  reason: string;
}

/** The first malformed string inside a variable's value, with its path (`$filter.search`). */
function inValue(value: unknown, path: string): Found | null {
  if (typeof value === 'string') {
    const reason = malformedTextReason(value);
    return reason ? { path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = inValue(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = inValue(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** The first malformed string literal of the document, named by its field and argument. */
function inDocument(args: ExecutionArgs): Found | null {
  let found: Found | null = null;
  const fields: string[] = [];
  visit(args.document, {
    Field: {
      enter: (node) => {
        fields.push(node.alias?.value ?? node.name.value);
      },
      leave: () => {
        fields.pop();
      },
    },
    Argument(node: ArgumentNode) {
      if (found) return false;
      visit(node.value, {
        StringValue(literal) {
          const reason = found ? null : malformedTextReason(literal.value);
          if (reason) found = { path: [...fields, node.name.value].join('.'), reason };
        },
      });
      return false;
    },
  });
  return found;
}

function findMalformed(args: ExecutionArgs): Found | null {
  for (const [name, value] of Object.entries(args.variableValues ?? {})) {
    const found = inValue(value, `$${name}`);
    if (found) return found;
  }
  return inDocument(args);
}

/** Refuses an operation with a NUL or a lone surrogate in any string input (HTTP 400, BAD_USER_INPUT). */
export function useWellFormedText(): Plugin {
  const refuse = (args: ExecutionArgs, stop: (result: ExecutionResult) => void) => {
    const found = findMalformed(args);
    if (!found) return;
    stop({
      errors: [
        new GraphQLError(`参数 ${found.path} ${found.reason}，无法保存。`, {
          extensions: { code: malformedTextCode, argument: found.path, http: { status: 400 } },
        }),
      ],
    });
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => refuse(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => refuse(args, setResultAndStopExecution),
  };
}
