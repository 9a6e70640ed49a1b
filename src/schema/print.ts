import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index';

/** The SDL as committed in schema/schema.graphql. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
