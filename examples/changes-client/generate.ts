// Writes what the example is typed and registered by: graphql-env.d.ts (gql.tada's introspection
// types, from schema/schema.graphql) and trusted-documents.json (its operations by hash, the manifest
// a service reads from KB_TRUSTED_DOCUMENTS). Run after a schema or document change:
//   npx tsx examples/changes-client/generate.ts
// test/examples/changes-client.test.ts fails while either is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { print } from 'graphql';
import { printedIntrospectionTypes } from '../../src/schema/print';
import { manifestOf } from '../../src/server/trusted-documents';
import { operations } from './graphql';

export const introspectionTypes = () =>
  printedIntrospectionTypes(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));

export const manifest = () => manifestOf(operations.map((document) => print(document)));

if (require.main === module) {
  fs.writeFileSync(path.join(__dirname, 'graphql-env.d.ts'), introspectionTypes());
  fs.writeFileSync(path.join(__dirname, 'trusted-documents.json'), manifest());
}
