// The compiler study's server: the service's yoga pipeline (authentication, limits, CSRF, error
// masking) over the prototype's schema, run as its own process (DATABASE_URL, PORT, STUDY_MODE):
// `plugins` and `bare` execute the compiled JSON tree with graphql-js through the two builders of
// schema.ts; `passthrough` validates against the bare schema and then answers with the statement's
// JSON text itself, keyed by response keys, without graphql-js execution.
import http from 'node:http';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { connectDatabase, type Database } from '../../db/client';
import { createLogger } from '../../logger';
import { createApp, defaultPolicy } from '../../server/app';
import { type Compiled, compile, type Uncovered } from './compile';
import { bare, type Row, type Run, withPlugins } from './schema';

export type StudyMode = 'plugins' | 'bare' | 'passthrough';

/** Answers an operation the compiler covers whole with its statement's JSON text, unparsed. */
function usePassthrough(db: Database): Plugin {
  const compiled = new WeakMap<object, (Compiled & { name: string }) | Uncovered>();
  let statements = 0;
  return {
    onExecute: async ({ args, setResultAndStopExecution }) => {
      const document = args.document as DocumentNode;
      const operation = document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      if (!operation || operation.operation !== OperationTypeNode.QUERY) return;
      let plan = compiled.get(operation);
      if (!plan) {
        const fragments = Object.fromEntries(
          document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
        ) as Record<string, FragmentDefinitionNode>;
        const result = compile(operation.selectionSet, fragments, 'response');
        plan = 'uncovered' in result ? result : { ...result, name: `passthrough_${++statements}` };
        compiled.set(operation, plan);
      }
      if ('uncovered' in plan) return;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const { rows } = await db.pool.query<{ data: string }>({
        name: plan.name,
        text: `SELECT data::text AS data FROM (${plan.text}) compiled`,
        values: plan.params.map((read) => read(variables)),
      });
      const text = rows[0]!.data;
      setResultAndStopExecution({ data: null, stringify: () => `{"data":${text}}` } as never);
    },
  };
}

/** The service's yoga app over the prototype, in `mode`. */
export function studyApp(db: Database, mode: StudyMode) {
  const run: Run = async (name, text, values) => (await db.pool.query<Row>({ name, text, values })).rows[0]!;
  return createApp({
    db,
    logger: createLogger('warn'),
    policy: { ...defaultPolicy, rateLimitPerMinute: 1e9, introspection: false },
    schema: mode === 'plugins' ? withPlugins(run) : bare(run),
    plugins: mode === 'passthrough' ? [usePassthrough(db)] : [],
  });
}

if (require.main === module) {
  const app = studyApp(connectDatabase(process.env.DATABASE_URL!), process.env.STUDY_MODE as StudyMode);
  http.createServer((req, res) => void app(req, res)).listen(Number(process.env.PORT), '127.0.0.1');
  // An orderly exit, so that --cpu-prof writes its profile.
  process.once('SIGTERM', () => process.exit(0));
}
