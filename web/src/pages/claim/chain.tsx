import { useMemo } from 'preact/hooks';
import type { ResultOf } from '../../graphql';
import { paths } from '../../routes';
import { Graph, type GraphEdge, type GraphNode } from '../../ui/graph';
import { derivationLabel } from '../../ui/labels';
import { SourceLink } from '../../ui/links';
import type { ClaimQuery } from './operations';

type Claim = NonNullable<ResultOf<typeof ClaimQuery>['claim']>;
type Provenance = Extract<Claim['provenance'], { __typename: 'ClaimProvenance' }>;

/** The graph from the statement to its origins: the sources stating it, what they derive from, and so on. */
function chainGraph(claim: Claim, provenance: Provenance) {
  const origins = new Set(claim.corroboration.origins.flatMap((origin) => (origin.source ? [origin.source.key] : [])));
  const nodes = new Map<string, GraphNode>();
  const addSource = (source: { key: string; title: string }) =>
    nodes.set(source.key, {
      id: source.key,
      label: source.title,
      kind: origins.has(source.key) ? 'origin' : 'source',
      href: paths.source(source.key),
    });
  nodes.set('claim', { id: 'claim', label: claim.statement, kind: 'claim' });
  const edges: GraphEdge[] = [];
  for (const { node } of claim.attributions.edges) {
    addSource(node.source);
    edges.push({ source: 'claim', target: node.source.key, label: 'stated in' });
  }
  for (const step of provenance.derivations) {
    addSource(step.derived);
    addSource(step.origin);
    edges.push({ source: step.derived.key, target: step.origin.key, label: derivationLabel[step.kind] });
  }
  return { nodes: [...nodes.values()], edges };
}

export function Chain({ claim, provenance }: { claim: Claim; provenance: Provenance }) {
  const graph = useMemo(() => chainGraph(claim, provenance), [claim, provenance]);
  const steps = provenance.derivations.toSorted((a, b) => a.hops - b.hops);
  return (
    <>
      <Graph
        nodes={graph.nodes}
        edges={graph.edges}
        root="claim"
        label={`Graph of the chain from the statement to its origins, ${graph.nodes.length - 1} sources`}
      />
      <p class="muted small">
        Stars mark the independent origins. The same chain as text (each step from a source to the one it draws on):
      </p>
      <ol class="chain">
        {claim.attributions.edges.map(({ node }) => (
          <li key={node.id}>
            Stated by {node.agent.name} in <SourceLink source={node.source} />
          </li>
        ))}
        {steps.map((step) => (
          <li key={`${step.derived.key}>${step.origin.key}`}>
            <SourceLink source={step.derived} /> {derivationLabel[step.kind]} <SourceLink source={step.origin} />
            <span class="muted"> ({step.hops === 1 ? '1 step' : `${step.hops} steps`} from the carrying source)</span>
          </li>
        ))}
      </ol>
      {provenance.truncated.length > 0 && (
        <p class="muted">
          The walk stopped at the depth limit before the origins of:{' '}
          {provenance.truncated.map((source) => source.title).join(', ')}.
        </p>
      )}
    </>
  );
}
