import fs from 'node:fs/promises';
import path from 'node:path';
import { bundleJsonSchema } from '../bundle/format';
import { printedSchema } from '../schema/print';
import { EXAMPLES_MANIFEST, examplesManifest } from '../server/trusted-documents';
import { runCli } from './run';

const schemaDir = path.resolve(__dirname, '../../schema');

runCli(async () => {
  await fs.writeFile(path.join(schemaDir, 'schema.graphql'), printedSchema());
  await fs.writeFile(path.join(schemaDir, 'bundle.schema.json'), JSON.stringify(bundleJsonSchema(), null, 2) + '\n');
  await fs.writeFile(EXAMPLES_MANIFEST, examplesManifest());
  process.stdout.write('wrote schema/schema.graphql, schema/bundle.schema.json and schema/trusted-documents.json\n');
}, 'schema:print');
