import { createHash } from 'node:crypto';
import { type ExecutionArgs, getOperationAST, execute as graphqlExecute, OperationTypeNode } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { idempotencyScope } from '../db/write';
import type { Context } from './context';
import { refusal } from './limits/refusal';

const HEADER = 'idempotency-key';
/** Printable ASCII without spaces, as the IETF draft's examples are (a UUID fits). */
const KEY = /^[\x21-\x7e]{1,200}$/;

/** Keys of an object sorted at every level, so that the hash of variables does not depend on their order. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .toSorted(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

/**
 * A mutation sent with an `Idempotency-Key` header (and an API key) runs its writes under that key
 * (src/db/write.ts): retried after an ambiguous failure (a timeout, a broken connection), it returns
 * what the first attempt wrote and applies nothing twice; the same key with another request is a
 * ConflictError.
 */
export function useIdempotencyKeys(): Plugin<Context & YogaInitialContext> {
  return {
    onExecute({ args, setExecuteFn, executeFn, setResultAndStopExecution }) {
      const { document, operationName, contextValue } = args as ExecutionArgs & {
        contextValue: Context & YogaInitialContext;
      };
      const key = contextValue.request.headers.get(HEADER);
      if (key === null || getOperationAST(document, operationName)?.operation !== OperationTypeNode.MUTATION) return;
      if (!KEY.test(key)) {
        setResultAndStopExecution({
          errors: [refusal('BAD_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-200 printable ASCII characters')],
        });
        return;
      }
      // Anonymous mutations are refused anyway.
      if (!contextValue.viewer) return;
      const { query, variables } = contextValue.params;
      const scope = {
        apiKeyId: contextValue.viewer.keyId,
        key,
        requestSha256: createHash('sha256')
          .update(JSON.stringify([query, operationName ?? null, canonical(variables ?? {})]))
          .digest('hex'),
        writes: 0,
      };
      // envelop types the execute function as `any`; it is graphql-js's.
      const execute = executeFn as typeof graphqlExecute;
      setExecuteFn((execution: ExecutionArgs) => idempotencyScope.run(scope, () => execute(execution)));
    },
  };
}
