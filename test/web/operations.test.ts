import fs from 'node:fs';
import path from 'node:path';
import { formatDocument } from '@urql/core';
import { buildSchema, type DocumentNode, Kind, validate } from 'graphql';

// tsc checks the dashboard's operations' types against the schema; this checks what types cannot:
// the rules of GraphQL validation (e.g. two fields of one name that return different types), on each
// document as the client sends it (urql adds __typename and drops client-side directives).
const root = path.resolve(__dirname, '../..');
const schema = buildSchema(fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
const pages = path.join(root, 'web/src/pages');

const operations = fs
  .readdirSync(pages)
  .map((page) => path.join(pages, page, 'operations.ts'))
  .filter((file) => fs.existsSync(file))
  .flatMap((file) =>
    Object.entries(require(file) as Record<string, unknown>)
      .filter(([, value]) =>
        (value as DocumentNode).definitions?.some((definition) => definition.kind === Kind.OPERATION_DEFINITION),
      )
      .map(([name, value]) => [`${path.relative(root, file)} ${name}`, value as DocumentNode] as const),
  );

test('every page has its operations', () => {
  expect(operations.length).toBeGreaterThanOrEqual(12);
});

test.each(operations)('%s is valid against schema/schema.graphql', (_, document) => {
  expect(validate(schema, formatDocument(document)).map((error) => error.message)).toEqual([]);
});
