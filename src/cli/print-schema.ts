import fs from 'node:fs/promises';
import path from 'node:path';
import { bundleJsonSchema } from '../bundle/format';
import { printedIntrospectionTypes, printedSchema } from '../schema/print';
import { EXAMPLES_MANIFEST, examplesManifest } from '../server/trusted-documents';
import { runCli } from './run';

const root = path.resolve(__dirname, '../..');

runCli(async () => {
  const sdl = printedSchema();
  await fs.writeFile(path.join(root, 'schema/schema.graphql'), sdl);
  await fs.writeFile(path.join(root, 'schema/bundle.schema.json'), JSON.stringify(bundleJsonSchema(), null, 2) + '\n');
  await fs.writeFile(EXAMPLES_MANIFEST, examplesManifest());
  await fs.writeFile(path.join(root, 'schema/graphql-env.d.ts'), printedIntrospectionTypes(sdl));
  process.stdout.write(
    'wrote schema/schema.graphql, schema/bundle.schema.json, schema/trusted-documents.json and schema/graphql-env.d.ts\n',
  );
}, 'schema:print');
