import { useMemo } from 'preact/hooks';
import type { ResultOf } from '../../graphql';
import { paths } from '../../routes';
import { Graph, type GraphEdge, type GraphNode } from '../../ui/graph';
import { derivationLabel } from '../../ui/labels';
import { SourceLink } from '../../ui/links';
import type { ClaimQuery } from './operations';

type Claim = NonNullable<ResultOf<typeof ClaimQuery>['claim']>;
type Provenance = Extract<Claim['provenance'], { __typename: 'ClaimProvenance' }>;
type Step = Provenance['derivations'][number];

/** A step's origin as a graph node: the earlier statement, or the source repeated as a whole. */
const originId = (step: Step) => step.originStatement?.id ?? `source ${step.origin.key}`;

/**
 * The graph from the claim to its origins, statement by statement: the claim, the latest statements of
 * it (those no other repeats), and what each statement repeats, down to the statements that repeat none.
 */
function chainGraph(claim: Claim, provenance: Provenance) {
  const origins = new Set(
    claim.corroboration.groups.flatMap((group) =>
      group.origins.flatMap((origin) => {
        if (origin.statement) return [origin.statement.id];
        return origin.source ? [`source ${origin.source.key}`] : [];
      }),
    ),
  );
  const repeated = new Set(provenance.derivations.map(originId));
  const nodes = new Map<string, GraphNode>([['claim', { id: 'claim', label: claim.statement, kind: 'claim' }]]);
  const add = (id: string, label: string, source: { key: string }) =>
    nodes.set(id, { id, label, kind: origins.has(id) ? 'origin' : 'source', href: paths.source(source.key) });
  const edges: GraphEdge[] = [];
  for (const { node } of claim.attributions.edges) {
    add(node.id, `${node.agent.name}, in ${node.source.title}`, node.source);
    if (!repeated.has(node.id)) edges.push({ source: 'claim', target: node.id, label: 'stated' });
  }
  for (const step of provenance.derivations) {
    if (!step.originStatement) add(originId(step), step.origin.title, step.origin);
    edges.push({ source: step.statement.id, target: originId(step), label: derivationLabel[step.kind] });
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
        label={`Graph of the chain from the claim to its origins, ${graph.nodes.length - 1} statements and sources`}
      />
      <p class="muted small">
        Each node is a statement of the claim (who, in which source); stars mark the origins, statements that repeat no
        other. The same chain as text, nearest step first:
      </p>
      <ol class="chain">
        {steps.map((step) => (
          <li key={`${step.statement.id}>${originId(step)}`}>
            <SourceLink source={step.derived} /> ({step.statement.agent.name}) {derivationLabel[step.kind]}{' '}
            <SourceLink source={step.origin} />
            {step.originStatement ? ` (${step.originStatement.agent.name})` : ' (as a whole)'}
            <span class="muted"> · {step.hops === 1 ? '1 step' : `${step.hops} steps`} from the latest statement</span>
            {step.note && <div class="muted small">{step.note}</div>}
          </li>
        ))}
      </ol>
      {steps.length === 0 && <p>No statement of this claim repeats another: each is an origin.</p>}
      {provenance.truncated.length > 0 && (
        <p class="muted">
          The walk stopped at the depth limit before the origins of:{' '}
          {provenance.truncated.map((source) => source.title).join(', ')}.
        </p>
      )}
    </>
  );
}
