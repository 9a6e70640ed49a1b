import { outputIntrospectionFile } from '@gql.tada/internal';
import { buildSchema, introspectionFromSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index';

/** The SDL as committed in schema/schema.graphql. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

/**
 * The SDL's introspection as gql.tada types (schema/graphql-env.d.ts), which the dashboard and the
 * example client share: their operations are type-checked against it, so a schema change shows every
 * operation that must follow.
 */
export function printedIntrospectionTypes(sdl: string): string {
  return outputIntrospectionFile(introspectionFromSchema(buildSchema(sdl)), {
    fileType: '.d.ts',
    shouldPreprocess: true,
  });
}
