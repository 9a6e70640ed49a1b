import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, validate } from 'graphql';
import { DASHBOARD_MANIFEST } from '../../src/server/dashboard';
import { dashboardManifest, dashboardOperations } from '../../web/documents';

// tsc checks the dashboard's operations' types against the schema; this checks what types cannot:
// the rules of GraphQL validation (e.g. two fields of one name that return different types), on each
// document as the client sends it (urql adds __typename and drops client-side directives).
const root = path.resolve(__dirname, '../..');
const schema = buildSchema(fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
const operations = dashboardOperations();

test('every page has its operations', () => {
  expect(operations.length).toBeGreaterThanOrEqual(12);
});

test.each(operations)('%s is valid against schema/schema.graphql', (_, document) => {
  expect(validate(schema, document).map((error) => error.message)).toEqual([]);
});

test('web/trusted-documents.json registers every operation as the dashboard sends it (run `npm run schema:print`)', () => {
  expect(fs.readFileSync(DASHBOARD_MANIFEST, 'utf8')).toBe(dashboardManifest());
  expect(Object.keys(JSON.parse(dashboardManifest()))).toHaveLength(operations.length);
});
