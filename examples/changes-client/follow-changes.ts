// Follows the knowledge base's changes as they commit and prints one line each. It keeps the cursor of
// the last change it printed in a file, so that when it is started again it resumes there: nothing
// missed while it was away, nothing printed twice.
//
//   KB_URL=http://localhost:4000/graphql npx tsx examples/changes-client/follow-changes.ts
//
// Settings (environment): KB_URL, KB_API_KEY (when anonymous reads are off), KB_CURSOR_FILE (default
// .kb-cursor), KB_TYPES (e.g. CLAIM,ATTRIBUTION), KB_PERSISTED=true to send the document's hash only
// (for a service that runs trusted documents only: register trusted-documents.json with it).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ResultOf, VariablesOf } from 'gql.tada';
import { print } from 'graphql';
import { createClient } from 'graphql-sse';
import { FollowChanges } from './graphql';

type Change = ResultOf<typeof FollowChanges>['changes'];

const url = process.env.KB_URL ?? 'http://localhost:4000/graphql';
const cursorFile = process.env.KB_CURSOR_FILE ?? '.kb-cursor';
const query = print(FollowChanges);

const variables: VariablesOf<typeof FollowChanges> = {
  after: fs.existsSync(cursorFile) ? fs.readFileSync(cursorFile, 'utf8').trim() : null,
  types: (process.env.KB_TYPES?.split(',') as VariablesOf<typeof FollowChanges>['types']) ?? null,
};

const client = createClient({
  url,
  headers: process.env.KB_API_KEY ? { authorization: `Bearer ${process.env.KB_API_KEY}` } : {},
});

// A trusted document is sent as the SHA-256 of its printed text, the key it has in trusted-documents.json.
const request =
  process.env.KB_PERSISTED === 'true'
    ? {
        query: '',
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } },
      }
    : { query, variables };

function show({ cursor, node }: Change) {
  const fields = node.operation === 'UPDATE' ? ` (${node.changedFields.join(', ')})` : '';
  process.stdout.write(`${node.at} ${node.actor} ${node.operation} ${node.table} ${node.recordId}${fields}\n`);
  fs.writeFileSync(cursorFile, cursor);
}

async function follow() {
  for await (const result of client.iterate<ResultOf<typeof FollowChanges>>(request)) {
    if (result.errors) throw new Error(result.errors.map((e) => e.message).join('; '));
    if (result.data) show(result.data.changes);
  }
}

// A stop signal waits for the change being shown: its line and its cursor are written together.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));

follow().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
