// The dashboard's operations as the service registers them (web/trusted-documents.json, which
// `npm run schema:print` writes by running this file; test/web/operations.test.ts checks it): each page's operations.ts, every exported document with an operation, as
// urql sends it (its cacheExchange adds __typename to queries and mutations) and keyed by the SHA-256 that urql's persistedExchange
// takes of that text. So the dashboard works against a service that runs trusted documents only.
import fs from 'node:fs';
import path from 'node:path';
import { formatDocument, stringifyDocument } from '@urql/core';
import { type DocumentNode, Kind, OperationTypeNode } from 'graphql';
import { DASHBOARD_MANIFEST } from '../src/server/dashboard';
import { manifestOf } from '../src/server/trusted-documents';

const pages = path.join(__dirname, 'src/pages');

const operationOf = (value: unknown) =>
  (value as Partial<DocumentNode>).definitions?.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);

/** Each operation, named by its file and export, as the client sends it. */
export function dashboardOperations(): [name: string, document: DocumentNode][] {
  return fs
    .readdirSync(pages)
    .map((page) => path.join(pages, page, 'operations.ts'))
    .filter((file) => fs.existsSync(file))
    .flatMap((file) =>
      Object.entries(require(file) as Record<string, unknown>).flatMap(([name, value]) => {
        const operation = operationOf(value);
        if (!operation) return [];
        const document = value as DocumentNode;
        const sent = operation.operation === OperationTypeNode.SUBSCRIPTION ? document : formatDocument(document);
        return [[`${path.relative(__dirname, file)} ${name}`, sent] as const];
      }),
    );
}

/** The manifest of web/trusted-documents.json. */
export const dashboardManifest = () =>
  manifestOf(dashboardOperations().map(([, document]) => stringifyDocument(document)));

if (require.main === module) fs.writeFileSync(DASHBOARD_MANIFEST, dashboardManifest());
