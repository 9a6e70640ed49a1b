import { initGraphQLTada } from 'gql.tada';
import type { introspection } from '../../schema/graphql-env';

/** `graphql()` for this service: documents typed by its schema (schema/graphql-env.d.ts, written by `npm run schema:print`). */
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
