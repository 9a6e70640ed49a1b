import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

/** `graphql()` for this service: documents typed by its schema (graphql-env.d.ts, from schema/schema.graphql). */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  // How the service's scalars arrive in JSON.
  scalars: { DateTime: string; Date: string; Decimal: string; JSON: unknown };
}>();

export const FollowChanges = graphql(`
  subscription FollowChanges($after: String, $types: [ChangeTable!]) {
    changes(after: $after, types: $types) {
      cursor
      node { at actor operation table recordId changedFields }
    }
  }
`);

/** Every operation this client sends: generate.ts registers them in trusted-documents.json. */
export const operations = [FollowChanges];
