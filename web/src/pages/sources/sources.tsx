import { useQuery } from '@urql/preact';
import { Fragment } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { ResultOf } from '../../graphql';
import { paths } from '../../routes';
import { Graph, type GraphEdge, type GraphNode } from '../../ui/graph';
import { codeLabel, derivationLabel, reliabilityLabel } from '../../ui/labels';
import { SourceLink } from '../../ui/links';
import { PageTitle } from '../../ui/page-title';
import { QueryView } from '../../ui/query-state';
import { SourcesQuery } from './operations';

type Data = ResultOf<typeof SourcesQuery>;
type Source = Data['sources']['edges'][number]['node'];

function DerivationNetwork({ sources }: { sources: Source[] }) {
  const graph = useMemo(() => {
    const node = (source: { key: string; title: string }, origin: boolean): GraphNode => ({
      id: source.key,
      label: source.title,
      kind: origin ? 'origin' : 'source',
      href: paths.source(source.key),
    });
    const nodes = new Map(sources.map((source) => [source.key, node(source, source.derivedFrom.length === 0)]));
    // Sources on other pages that these draw on, or that draw on these, are drawn too.
    for (const source of sources) {
      for (const d of source.derivedFrom) if (!nodes.has(d.origin.key)) nodes.set(d.origin.key, node(d.origin, false));
      for (const d of source.derivations)
        if (!nodes.has(d.derived.key)) nodes.set(d.derived.key, node(d.derived, false));
    }
    const edges: GraphEdge[] = sources.flatMap((source) => [
      ...source.derivedFrom.map((d) => ({ source: source.key, target: d.origin.key, label: derivationLabel[d.kind] })),
      ...source.derivations
        .filter((d) => !sources.some((s) => s.key === d.derived.key))
        .map((d) => ({ source: d.derived.key, target: source.key, label: derivationLabel[d.kind] })),
    ]);
    return { nodes: [...nodes.values()], edges };
  }, [sources]);
  // The drawing starts from the latest documents: those nothing else draws on.
  const root = sources.find((source) => source.derivations.length === 0)?.key ?? sources[0]?.key ?? '';
  return (
    <Graph
      nodes={graph.nodes}
      edges={graph.edges}
      root={root}
      height={360}
      label={`Graph of which source draws on which, ${sources.length} sources`}
    />
  );
}

/** Sources linked with how they relate, e.g. "quotes: <Pentagon statements>". */
const related = (items: { source: { key: string; title: string }; relation: string }[]) =>
  items.length === 0 ? (
    <span class="muted">none</span>
  ) : (
    items.map(({ source, relation }, index) => (
      <Fragment key={source.key}>
        {index > 0 && '; '}
        {relation}: <SourceLink source={source} />
      </Fragment>
    ))
  );

const figures = ['statements', 'claims', 'supporting', 'contradicting', 'soleOrigin'] as const;
const figureHeadings: Record<(typeof figures)[number], string> = {
  statements: 'Statements carried',
  claims: 'Claims',
  supporting: 'Supporting',
  contradicting: 'Contradicting',
  soleOrigin: 'Claims resting on it alone',
};

function Scorecard({ data, page }: { data: Data; page: number }) {
  const sources = data.sources.edges.map((edge) => edge.node);
  const first = page * PAGE_SIZE + 1;
  return (
    <section aria-labelledby="scorecard">
      <h2 id="scorecard">Scorecard ({data.sources.totalCount} sources)</h2>
      <p class="muted small">
        Sources {first} to {first + sources.length - 1}, in the order recorded; the figures are counted by the database
        over every claim.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Reliability</th>
            {figures.map((figure) => (
              <th scope="col" class="number" key={figure}>
                {figureHeadings[figure]}
              </th>
            ))}
            <th scope="col">Derives from</th>
            <th scope="col">Drawn on by</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={source.key}>
              <th scope="row">
                <SourceLink source={source} />
                <div class="muted small">
                  {codeLabel(source.kind)}
                  {source.publisher && ` · ${source.publisher.name}`}
                </div>
              </th>
              <td>{source.reliability ? reliabilityLabel[source.reliability.grade] : 'not graded'}</td>
              {figures.map((figure) => (
                <td class="number" key={figure}>
                  {source.scorecard?.[figure] ?? '–'}
                </td>
              ))}
              <td class="small">
                {related(source.derivedFrom.map((d) => ({ source: d.origin, relation: derivationLabel[d.kind] })))}
              </td>
              <td class="small">
                {related(
                  source.derivations.map((d) => ({ source: d.derived, relation: `${derivationLabel[d.kind]} it` })),
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const PAGE_SIZE = 50;

export default function SourcesPage() {
  // The cursors of the pages read so far: the last one is the page shown (undefined: the first).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors.at(-1);
  const query = useQuery({ query: SourcesQuery, variables: { after } });
  return (
    <>
      <PageTitle>Sources</PageTitle>
      <QueryView query={query} what="the sources">
        {(data) => {
          const sources = data.sources.edges.map((edge) => edge.node);
          const next = data.sources.pageInfo.hasNextPage ? data.sources.pageInfo.endCursor : null;
          return (
            <>
              <Scorecard data={data} page={cursors.length - 1} />
              <nav class="pager" aria-label="Pages of sources">
                {cursors.length > 1 && (
                  <button type="button" class="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
                    Previous sources
                  </button>
                )}
                {next && (
                  <button type="button" class="secondary" onClick={() => setCursors([...cursors, next])}>
                    Next sources
                  </button>
                )}
              </nav>
              <section aria-labelledby="network">
                <h2 id="network">Which source draws on which</h2>
                <p class="muted small">
                  The sources of this page, and those they draw on or are drawn on by. Stars mark the sources that draw
                  on no other. Click a source to open it.
                </p>
                <DerivationNetwork sources={sources} />
              </section>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
