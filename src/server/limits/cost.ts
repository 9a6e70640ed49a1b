import {
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  GraphQLError,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../schema/paging';
import { refusal } from './refusal';

/** The most an operation may cost. */
const MAX_COST = 1_000_000;
/** The most items a list argument (or a list inside an input) may hold, as a page holds at most 100. */
const MAX_LIST_ITEMS = MAX_PAGE_SIZE;

/** The items of the lists in `value` (of input type `type`); a list over MAX_LIST_ITEMS is refused. */
function listItems(type: GraphQLInputType, value: unknown, path: string): number {
  if (value === null || value === undefined) return 0;
  if (isNonNullType(type)) return listItems(type.ofType, value, path);
  if (isListType(type) && Array.isArray(value)) {
    if (value.length > MAX_LIST_ITEMS)
      throw refusal('LIST_TOO_LONG', `${path} holds ${value.length} items; at most ${MAX_LIST_ITEMS} are accepted`);
    const itemType = type.ofType;
    return value.reduce<number>((sum, item, i) => sum + listItems(itemType, item, `${path}[${i}]`), value.length);
  }
  if (isInputObjectType(type) && typeof value === 'object') {
    const fields = type.getFields();
    return Object.entries(value).reduce(
      (sum, [name, item]) => sum + (fields[name] ? listItems(fields[name].type, item, `${path}.${name}`) : 0),
      0,
    );
  }
  return 0;
}

/**
 * A field costs 1, plus one for each item of its list arguments (`nodes(ids:)` loads a record per id),
 * and its selection counts once per item it can return: a connection's page (Relay `first`/`last`,
 * else the default page), a list argument's items, else ten for a list.
 */
function fieldCost(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>) {
  const items = field.args.reduce((sum, arg) => sum + listItems(arg.type, args[arg.name], arg.name), 0);
  if (field.args.some((arg) => arg.name === 'first')) {
    const page = [args.first, args.last].find((n): n is number => typeof n === 'number') ?? DEFAULT_PAGE_SIZE;
    return { own: 1 + items, multiplier: Math.max(1, page) };
  }
  // A connection's edges and nodes are its page, already counted above (the root `nodes(ids:)` is no page).
  const page = ['edges', 'nodes'].includes(field.name) && field.args.length === 0;
  const list = !page && isListType(getNullableType(field.type));
  return { own: 1 + items, multiplier: list ? Math.max(10, items) : 1 };
}

/**
 * An operation's cost, each selection set measured once per type however often fragments spread it
 * (a chain of fragments each spreading the next twice costs linear work, not exponential). Written
 * here rather than taken from Pothos' complexity plugin, which runs the fields' argument mappers: an
 * argument that failed validation aborted the measure instead of becoming its field's typed error.
 */
function measure(
  { document, operationName, schema, variableValues }: ExecutionArgs,
  known: Map<string, number> | undefined,
): { cost: number | GraphQLError; varies: boolean } {
  const operation = getOperationAST(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  // No such operation, or variables that do not fit it: execution says so.
  if (!operation || !rootType) return { cost: 0, varies: true };
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {});
  if (!variables.coerced) return { cost: 0, varies: true };
  const cached = known?.get(operationName ?? '');
  if (cached !== undefined) return { cost: cached, varies: false };
  // Whether a variable feeds an argument the cost reads (a page size, a list): else the cost is the document's.
  let varies = false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const measured = new Map<SelectionSetNode, Map<GraphQLNamedType, number>>();

  const cost = (set: SelectionSetNode, type: GraphQLNamedType): number => {
    const done = measured.get(set)?.get(type);
    if (done !== undefined) return done;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        // __typename and introspection cost 1 each.
        if (!field) total += 1;
        else {
          varies ||= field.args.some(
            (arg) =>
              countsItems(arg) && selection.arguments?.some((a) => a.name.value === arg.name && usesVariable(a.value)),
          );
          const { own, multiplier } = fieldCost(field, getArgumentValues(field, selection, variables.coerced));
          total +=
            own + (selection.selectionSet ? multiplier * cost(selection.selectionSet, getNamedType(field.type)) : 0);
        }
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        const on = fragment?.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (fragment && on) total += cost(fragment.selectionSet, on);
      }
    }
    measured.set(set, (measured.get(set) ?? new Map<GraphQLNamedType, number>()).set(type, total));
    return total;
  };

  try {
    return { cost: cost(operation.selectionSet, rootType), varies };
  } catch (error) {
    if (error instanceof GraphQLError) return { cost: error, varies: true };
    throw error;
  }
}

/** Whether an argument's value changes a field's cost: a page size, or a list (or an input that may hold one). */
const countsItems = (arg: GraphQLArgument) => PAGE_ARGUMENTS.has(arg.name) || !isLeafType(getNullableType(arg.type));
const PAGE_ARGUMENTS = new Set(['first', 'last']);

/** Whether a value written in a document holds a variable. */
const usesVariable = (value: ValueNode): boolean =>
  value.kind === Kind.VARIABLE ||
  (value.kind === Kind.LIST && value.values.some(usesVariable)) ||
  (value.kind === Kind.OBJECT && value.fields.some((f) => usesVariable(f.value)));

/**
 * Measures each operation after validation and before any resolver runs, refuses it with one error
 * when it costs more than `maxCost` (or a list argument is too long), and reports the cost of those
 * it lets run. (Pothos' own check ran in the first root resolver and failed each root field apart:
 * 20,000 aliases gave 20,000 errors.)
 */
export function useCostLimit(onCost: (request: Request, cost: number) => void, maxCost = MAX_COST): Plugin {
  // The cost of an operation no variable changes, by operation name: measured once per document.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const execution = args as ExecutionArgs;
      let known = costs.get(execution.document);
      const { cost, varies } = measure(execution, known);
      if (!varies && typeof cost === 'number') {
        if (!known) costs.set(execution.document, (known = new Map<string, number>()));
        known.set(execution.operationName ?? '', cost);
      }
      if (typeof cost !== 'number') {
        setResultAndStopExecution({ errors: [cost] });
      } else if (cost > maxCost) {
        setResultAndStopExecution({
          errors: [refusal('QUERY_TOO_COSTLY', `the query costs ${cost}, more than ${maxCost}`)],
        });
      } else {
        onCost((execution.contextValue as { request: Request }).request, cost);
      }
    },
  };
}
