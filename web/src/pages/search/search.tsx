import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { EnumOf, ResultOf } from '../../graphql';
import { paths } from '../../routes';
import { codeLabel, modalityLabel } from '../../ui/labels';
import { draftName } from '../../ui/links';
import { Headline } from '../../ui/marked';
import { PageTitle } from '../../ui/page-title';
import { QueryView, UnionError } from '../../ui/query-state';
import { SearchQuery } from './operations';

type Result = Extract<ResultOf<typeof SearchQuery>['search'], { __typename: 'SearchConnection' }>;
type Hit = Result['edges'][number];

const kinds: { type: EnumOf<'SearchType'>; label: string }[] = [
  { type: 'CLAIM', label: 'Claims' },
  { type: 'ATTRIBUTION', label: 'Quotations' },
  { type: 'SOURCE', label: 'Sources' },
  { type: 'ENTITY', label: 'Entities' },
  { type: 'UNSC_DRAFT', label: 'Security Council records' },
];

/** Where a hit leads, and what to call it. */
function describe(hit: Hit['node']): { href: string; kind: string; title: string; detail?: string } {
  switch (hit.__typename) {
    case 'Claim':
      return { href: paths.claim(hit.key), kind: 'Claim', title: hit.statement, detail: modalityLabel[hit.modality] };
    case 'Attribution':
      return {
        href: paths.claim(hit.claim.key),
        kind: 'Quotation',
        title: hit.claim.statement,
        detail: `${hit.agent.name}, in ${hit.source.title}`,
      };
    case 'Source':
      return { href: paths.source(hit.key), kind: 'Source', title: hit.title, detail: codeLabel(hit.sourceKind) };
    case 'Entity':
      return { href: paths.entity(hit.key), kind: 'Entity', title: hit.name, detail: codeLabel(hit.entityKind) };
    case 'UnscDraft':
      return { href: paths.draft(hit.key), kind: 'Security Council record', title: draftName(hit), detail: hit.title };
  }
  // A kind of hit the schema gains fails tsc here until the page knows where it leads.
  return hit satisfies never;
}

/** One page of hits; "More hits" renders the next page below it. */
function Hits({ q, types, after, offset }: { q: string; types: string[] | null; after?: string; offset: number }) {
  const [cursor, setCursor] = useState<string | undefined>();
  const query = useQuery({
    query: SearchQuery,
    variables: { query: q, types: types as EnumOf<'SearchType'>[] | null, after },
  });
  return (
    <QueryView query={query} what="the hits">
      {({ search }) => {
        if (search.__typename !== 'SearchConnection') return <UnionError error={search} />;
        const { edges, pageInfo, totalCount } = search;
        return (
          <>
            {!after && (
              <p role="status">
                {totalCount === 0 ? `Nothing matches “${q}”.` : `${totalCount} hits for “${q}”, best match first.`}
              </p>
            )}
            <ol class="records hits" start={offset + 1}>
              {edges.map((hit, index) => {
                const target = describe(hit.node);
                return (
                  <li key={`${target.href}:${index}`}>
                    <span class="badge">{target.kind}</span> <a href={target.href}>{target.title}</a>
                    {target.detail && <span class="muted"> · {target.detail}</span>}
                    <div class="passage">
                      <Headline headline={hit.headline} />
                    </div>
                    <div class="muted small">score {hit.score.toFixed(3)}</div>
                  </li>
                );
              })}
            </ol>
            {pageInfo.hasNextPage && pageInfo.endCursor && !cursor && (
              <button type="button" class="secondary" onClick={() => setCursor(pageInfo.endCursor ?? undefined)}>
                More hits
              </button>
            )}
            {cursor && <Hits q={q} types={types} after={cursor} offset={offset + edges.length} />}
          </>
        );
      }}
    </QueryView>
  );
}

export default function SearchPage() {
  const { query: params, route } = useLocation();
  const q = params.q?.trim() ?? '';
  const chosen = params.types ? params.types.split(',') : [];
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const words = form.get('q');
    const types = form.getAll('types').filter((type) => typeof type === 'string');
    route(paths.search({ q: typeof words === 'string' ? words.trim() : '', types: types.join(',') || undefined }));
  };
  return (
    <>
      <PageTitle title={q ? `Search: ${q}` : 'Search'}>Search</PageTitle>
      <section aria-label="Search form">
        <form class="search-form" onSubmit={submit} key={`${q}|${params.types ?? ''}`}>
          <label for="search-q">Words to find in claims, quotations, source texts and names</label>
          <div class="row">
            <input id="search-q" name="q" type="search" defaultValue={q} required />
            <button type="submit">Search</button>
          </div>
          <fieldset>
            <legend>Only</legend>
            {kinds.map((kind) => (
              <label key={kind.type} class="inline">
                <input type="checkbox" name="types" value={kind.type} defaultChecked={chosen.includes(kind.type)} />{' '}
                {kind.label}
              </label>
            ))}
          </fieldset>
        </form>
      </section>
      {q && (
        <section aria-label="Hits">
          <Hits q={q} types={chosen.length ? chosen : null} offset={0} />
        </section>
      )}
    </>
  );
}
