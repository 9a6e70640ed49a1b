import fs from 'node:fs';
import path from 'node:path';
import { bundleJsonSchema } from '../../src/bundle/format';
import { printedIntrospectionTypes, printedSchema } from '../../src/schema/print';
import { EXAMPLES_MANIFEST, examplesManifest } from '../../src/server/trusted-documents';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('schema/schema.graphql is the SDL of the code (run `npm run schema:print` after changing the schema)', () => {
  expect(read('schema/schema.graphql')).toBe(printedSchema());
});

test('schema/bundle.schema.json is the JSON Schema of the bundle format', () => {
  expect(JSON.parse(read('schema/bundle.schema.json'))).toEqual(bundleJsonSchema());
});

test("schema/graphql-env.d.ts, which types the dashboard's and the example client's operations, is the introspection of schema/schema.graphql", () => {
  expect(read('schema/graphql-env.d.ts')).toBe(printedIntrospectionTypes(read('schema/schema.graphql')));
});

test('schema/trusted-documents.json registers the GraphiQL examples, one operation each', () => {
  expect(fs.readFileSync(EXAMPLES_MANIFEST, 'utf8')).toBe(examplesManifest());
});
