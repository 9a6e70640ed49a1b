import type { UseQueryResponse } from '@urql/preact';
import type { ComponentChildren } from 'preact';
import { PageTitle } from './page-title';
import { QueryView } from './query-state';

/**
 * A page about one record named by its URL: titled by the record once it is loaded (by its key until
 * then), with the query's loading and error states, and a plain answer when there is no such record.
 */
export function RecordPage<Data, Found>({
  query,
  kind,
  recordKey,
  found,
  title,
  children,
}: {
  query: UseQueryResponse<Data, { key: string }>;
  kind: string;
  recordKey: string;
  found: (data: Data) => Found | null | undefined;
  title: (record: Found) => string;
  children: (record: Found, data: Data) => ComponentChildren;
}) {
  const loaded = query[0].data && found(query[0].data);
  return (
    <>
      <PageTitle title={loaded ? title(loaded) : kind}>{loaded ? title(loaded) : <code>{recordKey}</code>}</PageTitle>
      <QueryView query={query} what={`the ${kind}`}>
        {(data) => {
          const record = found(data);
          return record ? (
            children(record, data)
          ) : (
            <p>
              There is no {kind} {recordKey}.
            </p>
          );
        }}
      </QueryView>
    </>
  );
}
