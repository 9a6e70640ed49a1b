import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { graphiqlExamples } from '../../src/server/graphiql-examples';
import {
  EXAMPLES_MANIFEST,
  operationsOf,
  readTrustedDocuments,
  type TrustedDocuments,
} from '../../src/server/trusted-documents';
import { StartupError } from '../../src/startup-error';
import { graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

const seeded = seededGraphQL();
const documents: TrustedDocuments = readTrustedDocuments([EXAMPLES_MANIFEST]);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function client(only: boolean) {
  const app = graphqlClient(seeded.db, { policy: { trustedDocumentsOnly: only }, trustedDocuments: documents });
  return (body: object) =>
    app
      .fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      .then(
        (response) => response.json() as Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }>,
      );
}

test('every GraphiQL example operation is registered and answers by its hash as by its text', async () => {
  const operations = operationsOf(graphiqlExamples);
  expect(operations.length).toBe(documents.size);
  const open = client(false);
  for (const text of operations) {
    const byText = await open({ query: text });
    expect(byText.errors).toBeUndefined();
    expect(await open({ documentId: `sha256:${sha256(text)}` })).toEqual(byText);
    expect(await open({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } })).toEqual(byText);
  }
});

test('with KB_TRUSTED_DOCUMENTS_ONLY, only registered documents run, and GraphiQL is off', async () => {
  const only = client(true);
  const [first] = operationsOf(graphiqlExamples);
  expect((await only({ documentId: `sha256:${sha256(first!)}` })).errors).toBeUndefined();
  const byText = await only({ query: first });
  expect(byText.data).toBeUndefined();
  expect(byText.errors?.[0]?.extensions?.code).toBe('CANNOT_SEND_PQ_ID_AND_BODY');
  const unknown = await only({ documentId: `sha256:${sha256('{ __typename }')}` });
  expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  const page = graphqlClient(seeded.db, { policy: { trustedDocumentsOnly: true } });
  const html = await page.fetch('/graphql', { headers: { accept: 'text/html' } });
  expect(await html.text()).not.toMatch(/graphiql/i);
});

test('a manifest whose key is not its document hash stops the start', async () => {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'kb-')), 'manifest.json');
  await fs.writeFile(file, JSON.stringify({ [`sha256:${sha256('{ a }')}`]: '{ b }' }));
  expect(() => readTrustedDocuments([file])).toThrow(StartupError);
  expect(() => readTrustedDocuments([file])).toThrow(/is not the SHA-256 of its document/);
  await fs.writeFile(file, JSON.stringify({ [sha256('{ b }')]: '{ b }' }));
  expect(readTrustedDocuments([file]).get(sha256('{ b }'))).toBe('{ b }');
});
