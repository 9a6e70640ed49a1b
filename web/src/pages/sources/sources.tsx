import { useQuery } from '@urql/preact';
import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import type { ResultOf } from '../../graphql';
import { paths } from '../../routes';
import { Graph, type GraphEdge, type GraphNode } from '../../ui/graph';
import { codeLabel, derivationLabel, reliabilityLabel } from '../../ui/labels';
import { SourceLink } from '../../ui/links';
import { SampleNote } from '../../ui/not-available';
import { PageTitle } from '../../ui/page-title';
import { QueryView } from '../../ui/query-state';
import { SourcesQuery } from './operations';

type Data = ResultOf<typeof SourcesQuery>;
type Source = Data['sources']['edges'][number]['node'];

/** For each source, the claims whose only independent origin it is. */
function soleOrigins(claims: Data['claims']) {
  const counts = new Map<string, number>();
  for (const { node } of claims.edges) {
    const only = node.corroboration.independentOrigins === 1 ? node.corroboration.origins[0]?.source : undefined;
    if (only) counts.set(only.key, (counts.get(only.key) ?? 0) + 1);
  }
  return counts;
}

function DerivationNetwork({ sources }: { sources: Source[] }) {
  const graph = useMemo(() => {
    const nodes: GraphNode[] = sources.map((source) => ({
      id: source.key,
      label: source.title,
      kind: source.derivedFrom.length === 0 ? 'origin' : 'source',
      href: paths.source(source.key),
    }));
    const edges: GraphEdge[] = sources.flatMap((source) =>
      source.derivedFrom.map((d) => ({ source: source.key, target: d.origin.key, label: derivationLabel[d.kind] })),
    );
    return { nodes, edges };
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

export default function SourcesPage() {
  const query = useQuery({ query: SourcesQuery });
  return (
    <>
      <PageTitle>Sources</PageTitle>
      <QueryView query={query} what="the sources">
        {(data) => {
          const sources = data.sources.edges.map((edge) => edge.node);
          const sole = soleOrigins(data.claims);
          return (
            <>
              <section aria-labelledby="scorecard">
                <h2 id="scorecard">Scorecard ({data.sources.totalCount} sources)</h2>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Source</th>
                      <th scope="col">Reliability</th>
                      <th scope="col" class="number">
                        Statements carried
                      </th>
                      <th scope="col" class="number">
                        Claims resting on it alone
                      </th>
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
                        <td class="number">{source.attributions.totalCount}</td>
                        <td class="number">{sole.get(source.key) ?? 0}</td>
                        <td class="small">
                          {related(
                            source.derivedFrom.map((d) => ({ source: d.origin, relation: derivationLabel[d.kind] })),
                          )}
                        </td>
                        <td class="small">
                          {related(
                            source.derivations.map((d) => ({
                              source: d.derived,
                              relation: `${derivationLabel[d.kind]} it`,
                            })),
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <SampleNote
                  read={data.claims.edges.length}
                  total={data.claims.totalCount}
                  what="claims (for the claims resting on a source alone)"
                />
              </section>
              <section aria-labelledby="network">
                <h2 id="network">Which source draws on which</h2>
                <p class="muted small">Stars mark the sources that draw on no other. Click a source to open it.</p>
                <DerivationNetwork sources={sources} />
              </section>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
