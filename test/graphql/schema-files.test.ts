import fs from 'node:fs';
import path from 'node:path';
import { bundleJsonSchema } from '../../src/bundle/format';
import { printedSchema } from '../../src/schema/print';
import { EXAMPLES_MANIFEST, examplesManifest } from '../../src/server/trusted-documents';

const schemaDir = path.resolve(__dirname, '../../schema');

test('schema/schema.graphql is the SDL of the code (run `npm run schema:print` after changing the schema)', () => {
  expect(fs.readFileSync(path.join(schemaDir, 'schema.graphql'), 'utf8')).toBe(printedSchema());
});

test('schema/bundle.schema.json is the JSON Schema of the bundle format', () => {
  expect(JSON.parse(fs.readFileSync(path.join(schemaDir, 'bundle.schema.json'), 'utf8'))).toEqual(bundleJsonSchema());
});

test('schema/trusted-documents.json registers the GraphiQL examples, one operation each', () => {
  expect(fs.readFileSync(EXAMPLES_MANIFEST, 'utf8')).toBe(examplesManifest());
});
