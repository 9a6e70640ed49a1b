import { useQuery } from '@urql/preact';
import type { EnumOf, ResultOf } from '../../graphql';
import { BarLegend, StackedBar } from '../../ui/bars';
import { percent } from '../../ui/format';
import { credibilityLabel, modalityLabel, rankLabel, tensionLabel, valuesOf } from '../../ui/labels';
import { ClaimLink } from '../../ui/links';
import { NotYetAvailable, SampleNote } from '../../ui/not-available';
import { PageTitle } from '../../ui/page-title';
import { palette } from '../../ui/palette';
import { QueryView, UnionError } from '../../ui/query-state';
import { OverviewQuery } from './operations';

type Overview = ResultOf<typeof OverviewQuery>;
type SampledClaim = Overview['claims']['edges'][number]['node'];

const modalities = valuesOf(modalityLabel);
const ranks = valuesOf(rankLabel);
const rankColour: Record<EnumOf<'Rank'>, string> = {
  PREFERRED: palette.yes,
  NORMAL: palette.accent,
  DEPRECATED: palette.absent,
};

function Counts({ data }: { data: Overview }) {
  const tensions = data.tensions.__typename === 'QueryTensionsSuccess' ? data.tensions.data.totalCount : undefined;
  const counts: [string, number | undefined][] = [
    ['Claims', data.claims.totalCount],
    ['Attributions', data.attributions.totalCount],
    ['Sources', data.sources.totalCount],
    ['Entities', data.entities.totalCount],
    ['UN Security Council drafts', data.unscDrafts.totalCount],
    ['Open tensions', tensions],
  ];
  return (
    <dl class="counts">
      {counts.map(([label, count]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{count ?? '–'}</dd>
        </div>
      ))}
    </dl>
  );
}

function ModalityAndRank({ claims }: { claims: SampledClaim[] }) {
  const rows = modalities.map((modality) => ({
    modality,
    parts: ranks.map((rank) => ({
      label: rankLabel[rank],
      colour: rankColour[rank],
      value: claims.filter((claim) => claim.modality === modality && claim.rank === rank).length,
    })),
  }));
  const largest = Math.max(1, ...rows.map((row) => row.parts.reduce((sum, part) => sum + part.value, 0)));
  return (
    <section aria-labelledby="modality-rank" class="wide">
      <h2 id="modality-rank">Claims by modality and rank</h2>
      <table class="bars">
        <caption class="visually-hidden">Claims by modality (rows) and rank (columns)</caption>
        <thead>
          <tr>
            <th scope="col">Modality</th>
            {ranks.map((rank) => (
              <th scope="col" class="number" key={rank}>
                {rankLabel[rank]}
              </th>
            ))}
            <th scope="col" class="bar-column">
              <span class="visually-hidden">As bars</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.modality}>
              <th scope="row">{modalityLabel[row.modality]}</th>
              {row.parts.map((part) => (
                <td key={part.label} class="number">
                  {part.value}
                </td>
              ))}
              <td class="bar-column">
                <StackedBar parts={row.parts} scale={largest} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <BarLegend parts={ranks.map((rank) => ({ label: rankLabel[rank], colour: rankColour[rank] }))} />
    </section>
  );
}

function SingleOrigin({ claims }: { claims: SampledClaim[] }) {
  const count = (origins: number) =>
    claims.filter((claim) => claim.corroboration.independentOrigins === origins).length;
  const none = count(0);
  const one = count(1);
  const more = claims.length - none - one;
  const share = claims.length ? one / claims.length : 0;
  const origins = [
    { label: 'one origin', value: one, colour: palette.abstention },
    { label: 'two or more', value: more, colour: palette.yes },
    { label: 'no traceable origin', value: none, colour: palette.absent },
  ];
  return (
    <section aria-labelledby="single-origin">
      <h2 id="single-origin">Claims resting on one independent origin</h2>
      <p class="headline-figure">
        <strong>{percent(share)}</strong> of claims ({one} of {claims.length}) rest on a single independent origin,
        however many documents repeat them.
      </p>
      <StackedBar parts={origins} />
      <BarLegend parts={origins.map((part) => ({ ...part, label: `${part.label}: ${part.value}` }))} />
    </section>
  );
}

function GradeDisagreements({ claims }: { claims: SampledClaim[] }) {
  const disagreeing = claims.filter(
    (claim) => claim.credibility != null && claim.credibility !== claim.corroboration.suggestedCredibility,
  );
  return (
    <section aria-labelledby="grade-disagreements">
      <h2 id="grade-disagreements">Curated grades that disagree with the evidence</h2>
      {disagreeing.length === 0 ? (
        <p>Every curated credibility grade matches what the evidence suggests.</p>
      ) : (
        <ul class="records">
          {disagreeing.map((claim) => (
            <li key={claim.key}>
              <ClaimLink claim={claim} />
              <div class="muted">
                curated {credibilityLabel(claim.credibility)}; the evidence suggests{' '}
                {credibilityLabel(claim.corroboration.suggestedCredibility)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Tensions({ tensions }: { tensions: Overview['tensions'] }) {
  if (tensions.__typename !== 'QueryTensionsSuccess') return <UnionError error={tensions} />;
  const { totalCount, edges } = tensions.data;
  return (
    <section aria-labelledby="tensions">
      <h2 id="tensions">Open tensions ({totalCount})</h2>
      {edges.length === 0 ? (
        <p>No account is contested.</p>
      ) : (
        <ul class="records">
          {edges.map(({ node }) => (
            <li key={`${node.kind}:${node.claim.key}`}>
              <span class="badge">{tensionLabel[node.kind]}</span> <ClaimLink claim={node.claim} />
              <div class="muted">{node.explanation}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function OverviewPage() {
  const query = useQuery({ query: OverviewQuery });
  return (
    <>
      <PageTitle>Overview</PageTitle>
      <QueryView query={query} what="the overview">
        {(data) => {
          const claims = data.claims.edges.map((edge) => edge.node);
          return (
            <div class="overview">
              <Counts data={data} />
              <SampleNote read={claims.length} total={data.claims.totalCount} what="claims" />
              <div class="grid">
                <ModalityAndRank claims={claims} />
                <SingleOrigin claims={claims} />
                <GradeDisagreements claims={claims} />
                <Tensions tensions={data.tensions} />
                <section aria-labelledby="recent-changes">
                  <h2 id="recent-changes">Recent changes</h2>
                  <NotYetAvailable
                    what="the latest changes across the knowledge base (each claim keeps its own history, shown on its page)"
                    missing="a change feed across records"
                  />
                </section>
              </div>
            </div>
          );
        }}
      </QueryView>
    </>
  );
}
