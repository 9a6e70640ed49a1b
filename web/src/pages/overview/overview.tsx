import { useQuery, useSubscription } from '@urql/preact';
import type { EnumOf, ResultOf } from '../../graphql';
import { paths } from '../../routes';
import { BarLegend, StackedBar } from '../../ui/bars';
import { DateTimeText, percent, plural } from '../../ui/format';
import { codeLabel, credibilityLabel, modalityLabel, rankLabel, tensionLabel, valuesOf } from '../../ui/labels';
import { ClaimLink } from '../../ui/links';
import { SampleNote } from '../../ui/not-available';
import { PageTitle } from '../../ui/page-title';
import { palette } from '../../ui/palette';
import { describeError, QueryView, UnionError } from '../../ui/query-state';
import { ChangesSubscription, OverviewQuery } from './operations';

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
  const tensions = data.tensions.__typename === 'TensionConnection' ? data.tensions.totalCount : undefined;
  const counts: [string, number | undefined][] = [
    ['Claims', data.claims.totalCount],
    ['Attributions', data.attributions.totalCount],
    ['Sources', data.sources.totalCount],
    ['Entities', data.entities.totalCount],
    [
      'UN Security Council drafts',
      data.unscDrafts.__typename === 'UnscDraftConnection' ? data.unscDrafts.totalCount : undefined,
    ],
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

function GradeDisagreements({ review }: { review: Overview['credibilityReview'] }) {
  return (
    <section aria-labelledby="grade-disagreements">
      <h2 id="grade-disagreements">Curated grades that disagree with the evidence</h2>
      {review.edges.length === 0 ? (
        <p>Every curated credibility grade ({review.totalCount}) matches what the evidence suggests.</p>
      ) : (
        <ul class="records">
          {review.edges.map((edge) => (
            <li key={edge.node.key}>
              <ClaimLink claim={edge.node} />
              <div class="muted">
                curated {credibilityLabel(edge.curatedCredibility)}; the evidence suggests{' '}
                {credibilityLabel(edge.suggestedCredibility)}
              </div>
            </li>
          ))}
        </ul>
      )}
      <p class="muted small">
        Of {plural(review.totalCount, 'graded claim')}
        {review.pageInfo.hasNextPage ? ', the first 100 weighed' : ''}.
      </p>
    </section>
  );
}

function Tensions({ tensions }: { tensions: Overview['tensions'] }) {
  if (tensions.__typename !== 'TensionConnection') return <UnionError error={tensions} />;
  const { totalCount, edges } = tensions;
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

type Change = ResultOf<typeof ChangesSubscription>['changes'];

const recordPaths: Partial<Record<EnumOf<'ChangeTable'>, (key: string) => string>> = {
  CLAIM: paths.claim,
  ENTITY: paths.entity,
  SOURCE: paths.source,
};

/** A changed row's key, where it has one (claims, entities, sources): the page it opens. */
function changedRecord(change: Change['node']) {
  const key = (change.after as { key?: unknown } | null)?.key;
  if (typeof key !== 'string') return <span class="muted">row {change.recordId}</span>;
  const path = recordPaths[change.table];
  return path ? <a href={path(key)}>{key}</a> : <code>{key}</code>;
}

function RecentChanges({ logged }: { logged: Overview['changes'] }) {
  // Newest first, the last 20 seen.
  const [{ data: changes = [], error }] = useSubscription(
    { query: ChangesSubscription },
    (seen: Change[] = [], event) => [event.changes, ...seen].slice(0, 20),
  );
  return (
    <section aria-labelledby="recent-changes">
      <h2 id="recent-changes">Recent changes</h2>
      {logged.__typename === 'ChangeConnection' && (
        <p class="muted small">
          {logged.totalCount} changes logged; those made while this page is open appear here as they commit.
        </p>
      )}
      {error && <UnionError error={{ message: describeError(error) }} />}
      {changes.length === 0 ? (
        <p aria-live="polite">No change since this page opened.</p>
      ) : (
        <ol class="records changes" aria-live="polite">
          {changes.map(({ cursor, node }) => (
            <li key={cursor}>
              <DateTimeText value={node.at} /> {node.actor} {node.operation.toLowerCase()}{' '}
              {codeLabel(node.table).toLowerCase()} {changedRecord(node)}
              {node.operation === 'UPDATE' && <span class="muted small"> ({node.changedFields.join(', ')})</span>}
            </li>
          ))}
        </ol>
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
                <GradeDisagreements review={data.credibilityReview} />
                <Tensions tensions={data.tensions} />
                <RecentChanges logged={data.changes} />
              </div>
            </div>
          );
        }}
      </QueryView>
    </>
  );
}
