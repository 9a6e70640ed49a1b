import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../server/context';
import { type Compiled, compile, type Uncovered } from './compile';

// The prototype's schema: plain Pothos object types (no Prisma plugin) whose fields only read the
// JSON tree one compiled statement returns for the root field. Two builders: one with the service's
// plugins that act on reads (errors, scope auth, validation, relay connections; the cost limit is the
// server's, src/server/limits/), one with none, so that the study can tell what the plugins' wrapping costs.

export type Row = Record<string, unknown>;
/** A compiled connection: it holds only what the query asked of it. */
type Page<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
};
type SourceTree = { key: string; title: string };
type AttributionTree = { quotation: string; source: SourceTree };
type ClaimTree = { key: string; statement: string; attributions: Page<AttributionTree> };
type EntityTree = { key: string; name: string; claimsAbout: Page<ClaimTree> };
// Options the Prisma plugin's global types require of every builder; these builders do not load it.
const noPrisma = {} as { prisma: never };
/** Runs a compiled statement, prepared under its name. */
export type Run = (name: string, text: string, values: unknown[]) => Promise<Row>;

/** The root resolver: the field's compiled statement, kept per field of each parsed document (one per query shape). */
function compiledRoot(run: Run) {
  const compiled = new WeakMap<object, (Compiled & { name: string }) | Uncovered>();
  let statements = 0;
  return async (_root: unknown, _args: unknown, _ctx: Context, info: GraphQLResolveInfo) => {
    let plan = compiled.get(info.fieldNodes[0]!);
    if (!plan) {
      const result = compile(info.fieldNodes, info.fragments, 'field');
      plan = 'uncovered' in result ? result : { ...result, name: `study_${++statements}` };
      compiled.set(info.fieldNodes[0]!, plan);
    }
    // Integrated, an uncovered selection falls back to today's resolvers; the study serves only what it covers.
    if ('uncovered' in plan) throw new Error(`not covered by the prototype: ${plan.uncovered}`);
    const row = await run(
      plan.name,
      plan.text,
      plan.params.map((read) => read(info.variableValues)),
    );
    return (row.data as Row)[info.fieldNodes[0]!.name.value];
  };
}

/** With the service's read plugins; connections are the relay plugin's. */
export function withPlugins(run: Run) {
  const builder = new SchemaBuilder<{
    Context: Context;
    DefaultFieldNullability: false;
    AuthScopes: { reader: boolean };
    Connection: { totalCount: number };
  }>({
    defaultFieldNullability: false,
    plugins: [ErrorsPlugin, ScopeAuthPlugin, ValidationPlugin, RelayPlugin],
    scopeAuth: { authScopes: (ctx) => ({ reader: ctx.viewer !== null || ctx.anonymousRead }) },
    relay: { clientMutationId: 'omit', cursorType: 'String' },
    ...noPrisma,
  });
  const Source = builder.objectRef<SourceTree>('Source').implement({
    fields: (t) => ({ key: t.exposeString('key'), title: t.exposeString('title') }),
  });
  const Attribution = builder.objectRef<AttributionTree>('Attribution').implement({
    fields: (t) => ({
      quotation: t.exposeString('quotation'),
      source: t.field({ type: Source, resolve: (a) => a.source }),
    }),
  });
  const Claim = builder.objectRef<ClaimTree>('Claim').implement({
    fields: (t) => ({
      key: t.exposeString('key'),
      statement: t.exposeString('statement'),
      attributions: t.connection({ type: Attribution, resolve: (c) => c.attributions }),
    }),
  });
  const Entity = builder.objectRef<EntityTree>('Entity').implement({
    fields: (t) => ({
      key: t.exposeString('key'),
      name: t.exposeString('name'),
      claimsAbout: t.connection({ type: Claim, resolve: (e) => e.claimsAbout }),
    }),
  });
  builder.globalConnectionField('totalCount', (t) => t.int({ resolve: (c) => c.totalCount }));
  builder.queryType({
    authScopes: { reader: true },
    fields: (t) => ({ entities: t.connection({ type: Entity, resolve: compiledRoot(run) as never }) }),
  });
  return builder.toSchema();
}

/** With no plugin: connection, edge and page-info types written out, every field a property read. */
export function bare(run: Run) {
  const builder = new SchemaBuilder<{ Context: Context; DefaultFieldNullability: false }>({
    defaultFieldNullability: false,
    ...(noPrisma as { prisma: never; scopeAuth: never }),
  });
  const PageInfo = builder.objectRef<Page<unknown>['pageInfo']>('PageInfo').implement({
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage'),
      endCursor: t.exposeString('endCursor', { nullable: true }),
    }),
  });
  /** `type`'s connection type, with its edge type. */
  const connectionOf = <T extends object>(name: string, type: ImplementableRef<T>) => {
    const Edge = builder.objectRef<Page<T>['edges'][number]>(`${name}Edge`).implement({
      fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type, resolve: (e) => e.node as never }) }),
    });
    return builder.objectRef<Page<T>>(`${name}Connection`).implement({
      fields: (t) => ({
        edges: t.field({ type: [Edge], resolve: (c) => c.edges }),
        pageInfo: t.field({ type: PageInfo, resolve: (c) => c.pageInfo }),
        totalCount: t.exposeInt('totalCount'),
      }),
    });
  };
  type ImplementableRef<T> = ReturnType<ReturnType<typeof builder.objectRef<T>>['implement']>;
  const pageArgs = builder.args((t) => ({ first: t.int(), after: t.string() }));
  const Source = builder.objectRef<SourceTree>('Source').implement({
    fields: (t) => ({ key: t.exposeString('key'), title: t.exposeString('title') }),
  });
  const Attribution = builder.objectRef<AttributionTree>('Attribution').implement({
    fields: (t) => ({
      quotation: t.exposeString('quotation'),
      source: t.field({ type: Source, resolve: (a) => a.source }),
    }),
  });
  const AttributionConnection = connectionOf('Attribution', Attribution);
  const Claim = builder.objectRef<ClaimTree>('Claim').implement({
    fields: (t) => ({
      key: t.exposeString('key'),
      statement: t.exposeString('statement'),
      attributions: t.field({
        type: AttributionConnection,
        args: pageArgs,
        resolve: (c) => c.attributions,
      }),
    }),
  });
  const ClaimConnection = connectionOf('Claim', Claim);
  const Entity = builder.objectRef<EntityTree>('Entity').implement({
    fields: (t) => ({
      key: t.exposeString('key'),
      name: t.exposeString('name'),
      claimsAbout: t.field({
        type: ClaimConnection,
        args: pageArgs,
        resolve: (e) => e.claimsAbout,
      }),
    }),
  });
  const EntityConnection = connectionOf('Entity', Entity);
  builder.queryType({
    fields: (t) => ({
      entities: t.field({
        type: EntityConnection,
        args: pageArgs,
        resolve: compiledRoot(run) as never,
      }),
    }),
  });
  return builder.toSchema();
}
