import fs from 'node:fs/promises';
import path from 'node:path';
import { bundleJsonSchema } from '../bundle/format';
import { printedSchema } from '../schema/print';
import { runCli } from './run';

const schemaDir = path.resolve(__dirname, '../../schema');

runCli(async () => {
  await fs.writeFile(path.join(schemaDir, 'schema.graphql'), printedSchema());
  await fs.writeFile(path.join(schemaDir, 'bundle.schema.json'), JSON.stringify(bundleJsonSchema(), null, 2) + '\n');
  process.stdout.write('wrote schema/schema.graphql and schema/bundle.schema.json\n');
}, 'schema:print');
