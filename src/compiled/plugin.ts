import type { DocumentNode, ExecutionArgs } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import type { Plugin } from 'graphql-yoga';
import { Prisma } from '../generated/prisma/client';
import { textProblem } from '../rules/values';
import { scopesOf } from '../schema/builder';
import type { Context } from '../server/context';
import { compile, type Plan, Refused, type Uncovered, type Variables } from './compile';

/** The text of `plan` cut at its parameters, and which value each cut takes, as Prisma.Sql numbers them. */
type Cut = { strings: string[]; order: number[] };
const cuts = new WeakMap<Plan, Cut>();

/** The statement of `plan` with the request's values; each `$n` is a parameter of its own. The text is cut once per plan. */
function statement(plan: Plan, values: unknown[]): Prisma.Sql {
  let cut = cuts.get(plan);
  if (!cut) {
    cut = {
      strings: plan.text.split(/\$\d+(?=::)/),
      order: [...plan.text.matchAll(/\$(\d+)(?=::)/g)].map((m) => Number(m[1]) - 1),
    };
    cuts.set(plan, cut);
  }
  return new Prisma.Sql(
    cut.strings,
    cut.order.map((i) => values[i]),
  );
}

/**
 * Answers a query operation the compiler covers whole (compile.ts) with one prepared statement whose
 * JSON text is the response's `data`, without graphql-js execution; anything else runs as before. Last
 * among the plugins, after the limits (src/server/limits/: the cost gate refuses before execution)
 * and the response cache. It answers only what the resolvers would answer without error: a request
 * that may not read, variables that do not coerce, an argument the resolvers refuse or one naming no
 * record go to them, and get their errors. Written here because no Pothos or yoga plugin compiles a selection to SQL, and
 * the resolvers spent most of a nested read's CPU planning and building it (BENCHMARKS.md).
 */
export function useCompiledReads(): Plugin<Context> {
  const plans = new WeakMap<DocumentNode, Map<string, Plan | Uncovered>>();
  const planOf = (document: DocumentNode, operationName: string | null | undefined) => {
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map<string, Plan | Uncovered>()));
    let plan = byName.get(operationName ?? '');
    if (!plan) byName.set(operationName ?? '', (plan = compile(document, operationName)));
    return plan;
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      // envelop types the execution arguments as `any`; these are graphql-js's.
      const { document, operationName, variableValues, schema } = args as ExecutionArgs;
      const ctx = args.contextValue;
      const plan = planOf(document, operationName);
      if ('uncovered' in plan || !scopesOf(ctx).reader) return;
      const raw: Variables = variableValues ?? {};
      const coerced = getVariableValues(schema, plan.operation.variableDefinitions ?? [], raw);
      if (coerced.errors) return;
      let values: unknown[];
      try {
        values = plan.params.map((read) => read(coerced.coerced));
      } catch (error) {
        if (error instanceof Refused) return;
        throw error;
      }
      // Text the stored-value rules refuse (NUL, lone surrogates) gets the resolvers' typed error.
      if (values.some((value) => typeof value === 'string' && textProblem(value))) return;
      const [row] = await ctx.sql.$queryRaw<{ data: string }[]>(statement(plan, values));
      // No row: an argument names a record that does not exist, which the resolvers answer with their error.
      if (!row) return;
      const json = `{"data":${row.data}}`;
      setResultAndStopExecution({ data: {}, stringify: () => json } as never);
    },
  };
}
