import { initGraphQLTada } from 'gql.tada';
import type { introspection, introspection_types } from '../../schema/graphql-env.d.ts';

// Every operation is typed against schema/graphql-env.d.ts, which `npm run schema:print` writes from
// schema/schema.graphql: when the schema changes, tsc names the pages that must follow.
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { Date: string; DateTime: string; Decimal: string; JSON: unknown };
}>();

export type { FragmentOf, ResultOf } from 'gql.tada';
export { readFragment } from 'gql.tada';

/** The values of a GraphQL enum, e.g. EnumOf<'Modality'>. */
export type EnumOf<Name extends keyof introspection_types> = introspection_types[Name] extends { enumValues: infer V }
  ? V
  : never;
