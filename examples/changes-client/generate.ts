// Writes what the example is registered by: trusted-documents.json (its operations by hash, the
// manifest a service reads from KB_TRUSTED_DOCUMENTS); its types come from schema/graphql-env.d.ts,
// which `npm run schema:print` writes. Run after a document change:
//   npx tsx examples/changes-client/generate.ts
// test/examples/changes-client.test.ts fails while either is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { print } from 'graphql';
import { manifestOf } from '../../src/server/trusted-documents';
import { operations } from './graphql';

export const manifest = () => manifestOf(operations.map((document) => print(document)));

if (require.main === module) {
  fs.writeFileSync(path.join(__dirname, 'trusted-documents.json'), manifest());
}
