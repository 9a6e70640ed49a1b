import type { AnyVariables, CombinedError, UseQueryResponse } from '@urql/preact';
import type { ComponentChildren } from 'preact';

/** What went wrong, in the analyst's words: the service's own message where it gave one. */
export function describeError(error: CombinedError): string {
  const status = (error.response as Response | undefined)?.status;
  if (status === 401) return 'The API key was refused: it is unknown or revoked.';
  if (status === 429) return 'Too many requests for now: wait a minute and try again.';
  if (status === 503) return 'The knowledge base is unavailable (its database cannot be reached). Try again shortly.';
  if (error.networkError) return 'The service cannot be reached.';
  return error.graphQLErrors.map((e) => e.message).join('; ') || error.message;
}

function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

function ErrorNotice({ message, retry }: { message: string; retry?: () => void }) {
  return (
    <div class="error" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * A query's loading and error states, and its data once there: `children` renders the data. The
 * region is aria-busy while a request is in flight.
 */
export function QueryView<Data, Variables extends AnyVariables>({
  query: [state, reexecute],
  what,
  children,
}: {
  query: UseQueryResponse<Data, Variables>;
  what: string;
  children: (data: Data) => ComponentChildren;
}) {
  const retry = () => reexecute({ requestPolicy: 'network-only' });
  let body: ComponentChildren;
  if (state.data) body = children(state.data);
  else if (state.error) body = <ErrorNotice message={describeError(state.error)} retry={retry} />;
  else body = <Loading what={what} />;
  return (
    <div class="query" aria-busy={state.fetching}>
      {state.data && state.error && <ErrorNotice message={describeError(state.error)} retry={retry} />}
      {body}
    </div>
  );
}

/** A result-union member that is an error (today's API: InputValidationError, NotFoundError, ...). */
export function UnionError({ error }: { error: { message: string } }) {
  return <ErrorNotice message={error.message} />;
}
