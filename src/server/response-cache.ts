import { createHash } from 'node:crypto';
import { type ExecutionArgs, type ExecutionResult, getOperationAST, OperationTypeNode } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

export type ResponseCache = {
  plugin: Plugin;
  /** The data may have changed: no answer cached so far is served again. */
  changed: () => void;
};

/** An answer yoga sends as `stringify` writes it (its result processor's hook), here the cached JSON. */
type Serialized = ExecutionResult & { stringify: () => string };

/**
 * The answer whose JSON is `json`, sent with an RFC 9211 `Cache-Status` naming this cache (yoga turns
 * `extensions.http` into headers and leaves it out of the body, so `json` is the whole body).
 */
const sent = (json: string, status: string, result: ExecutionResult = {}): Serialized => ({
  ...result,
  extensions: { ...result.extensions, http: { headers: { 'cache-status': `provenance-kb; ${status}` } } },
  stringify: () => json,
});

/**
 * Query answers kept in memory as the JSON they were sent as (up to `maxBytes`, least recently used
 * out first) until the data they were read from changes. An answer is keyed by the generation of the data it started
 * reading, and the generation moves on every change the service hears of: its own mutations, as
 * each finishes, and every process's commits through `changed`. So an answer computed while a write
 * commits is stored under a generation already past, and never served. Nothing is read from or
 * stored in the cache while `listening` is false, when commits by other processes could go unheard.
 *
 * Written here rather than taken from yoga's response cache, which on every miss adds `__typename`
 * to each selection and then copies the whole answer, each list twice over: a nested query that
 * missed took 1.5-1.9 times the CPU it takes with no cache at all. Answers are kept as JSON rather
 * than as objects: a 16 MB budget of objects (sized at twice their JSON) raised the service's peak
 * memory by 77 MB, and a hit needs no serializing.
 */
export function createResponseCache({
  maxBytes,
  listening,
}: {
  maxBytes: number;
  listening: () => boolean;
}): ResponseCache {
  let generation = 0;
  // Two bytes a character: V8 keeps a string with any character past Latin-1 (Korean names) in two.
  const answers = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (json) => 2 * json.length });
  const changed = () => {
    generation++;
    answers.clear();
  };
  const plugin: Plugin<YogaInitialContext> = {
    onExecute({ args, setResultAndStopExecution }) {
      // envelop types the execution arguments as `any`; these are graphql-js's.
      const { document, operationName, variableValues } = args as ExecutionArgs;
      const operation = getOperationAST(document, operationName)?.operation;
      // Before the response is sent, so that the client's next read sees its write.
      if (operation === OperationTypeNode.MUTATION) return { onExecuteDone: changed };
      if (operation !== OperationTypeNode.QUERY || !listening()) return;
      const { request, params } = args.contextValue;
      // An answer depends on who asks (roles decide what may be read), and on nothing else but the operation.
      const identity = JSON.stringify([
        request.headers.get('authorization'),
        params.query,
        operationName ?? null,
        variableValues ?? {},
      ]);
      const key = `${generation}:${createHash('sha256').update(identity).digest('base64url')}`;
      const hit = answers.get(key);
      if (hit !== undefined) return setResultAndStopExecution(sent(hit, 'hit'));
      return {
        onExecuteDone({ result, setResult }) {
          // Not kept: answers with errors, and those that set HTTP headers of their own (the JSON would lose them).
          if (!('data' in result) || result.errors?.length || result.extensions?.http) return;
          // Serialized once, for the cache and the response alike (a compiled read's result is JSON already).
          const json = 'stringify' in result ? (result as Serialized).stringify() : JSON.stringify(result);
          const stored = key.startsWith(`${generation}:`);
          if (stored) answers.set(key, json);
          setResult(sent(json, stored ? 'fwd=miss; stored' : 'fwd=miss', result));
        },
      };
    },
  };
  return { plugin, changed };
}
