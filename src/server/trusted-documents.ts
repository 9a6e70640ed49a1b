import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { type DefinitionNode, type DocumentNode, Kind, parse, print, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { StartupError } from '../startup-error';
import { graphiqlExamples } from './graphiql-examples';

/**
 * Trusted (persisted) documents: operations registered ahead, which a client names by the SHA-256 of
 * their text instead of sending the text. A registry is read from manifests, JSON objects of
 * `hash -> document` as graphql-codegen's client preset (`persistedDocuments`, sha256) and
 * `gql.tada generate persisted` write them: the key is the hex SHA-256 of the document, with or
 * without a `sha256:` prefix, and is checked against it.
 */
export type TrustedDocuments = ReadonlyMap<string, string>;

/** The manifest of the GraphiQL examples, written by `npm run schema:print`. */
export const EXAMPLES_MANIFEST = path.resolve(__dirname, '../../schema/trusted-documents.json');

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const bareHash = (key: string) => key.replace(/^sha256:/, '');

/** Each operation of a document as a document of its own, with the fragments it uses (printed, so spacing is fixed). */
export function operationsOf(source: string): string[] {
  const document = parse(source);
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const spreadIn = (node: DefinitionNode) => {
    const names: string[] = [];
    visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
    return names;
  };
  return document.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      const used = new Set<string>();
      const pending = spreadIn(operation);
      for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
        if (used.has(name)) continue;
        used.add(name);
        pending.push(...spreadIn(fragments.get(name)!));
      }
      const definitions = [operation, ...[...used].map((name) => fragments.get(name)!)];
      return print({ kind: Kind.DOCUMENT, definitions } satisfies DocumentNode);
    });
}

/** A manifest of `documents`, keyed by their hashes (the layout of schema/trusted-documents.json). */
export function manifestOf(documents: string[]): string {
  const entries = documents.map((text) => [`sha256:${sha256(text)}`, text] as const);
  return `${JSON.stringify(Object.fromEntries(entries.toSorted(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;
}

/** The GraphiQL examples' manifest, as `npm run schema:print` writes it. */
export const examplesManifest = () => manifestOf(operationsOf(graphiqlExamples));

/** The documents of these manifests; a file that is not one, or a key that is not its document's hash, stops the start. */
export function readTrustedDocuments(files: readonly string[]): TrustedDocuments {
  const documents = new Map<string, string>();
  for (const file of files) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new StartupError(`trusted documents: cannot read ${file}: ${(error as Error).message}`);
    }
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
      throw new StartupError(`trusted documents: ${file} is not an object of hash -> document`);
    for (const [key, text] of Object.entries(manifest)) {
      if (typeof text !== 'string' || bareHash(key) !== sha256(text))
        throw new StartupError(`trusted documents: in ${file}, ${key} is not the SHA-256 of its document`);
      documents.set(bareHash(key), text);
    }
  }
  return documents;
}

/**
 * Serves registered documents by hash, sent as `documentId` (the GraphQL over HTTP proposal) or as
 * Apollo's `extensions.persistedQuery.sha256Hash`. With `only`, a document sent as text is refused.
 */
export function useTrustedDocuments(documents: TrustedDocuments, only: boolean): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: !only,
    extractPersistedOperationId: (params) => {
      const { documentId } = params as { documentId?: unknown };
      const persisted = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      const id = typeof documentId === 'string' ? documentId : persisted;
      return typeof id === 'string' ? bareHash(id) : null;
    },
    getPersistedOperation: (key) => documents.get(key) ?? null,
  });
}
