import { minifyIntrospection, outputIntrospectionFile } from '@gql.tada/internal';
import { buildSchema, introspectionFromSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index';

/** The SDL as committed in schema/schema.graphql. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

/**
 * The SDL's introspection as gql.tada types, committed in web/src/graphql-env.d.ts: the dashboard's
 * operations are type-checked against it, so a schema change shows every page that must follow.
 */
export function printedIntrospectionTypes(sdl = printedSchema()): string {
  const introspection = minifyIntrospection(introspectionFromSchema(buildSchema(sdl)));
  return outputIntrospectionFile(introspection, { fileType: '.d.ts', shouldPreprocess: true });
}
