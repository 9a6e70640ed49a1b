import { useQuery, useSubscription } from '@urql/preact';
import { type EnumOf, type ResultOf, readFragment } from '../../graphql';
import { paths } from '../../routes';
import { BarLegend, StackedBar } from '../../ui/bars';
import { DateTimeText, percent, plural } from '../../ui/format';
import { codeLabel, credibilityLabel, modalityLabel, rankLabel, tensionLabel, valuesOf } from '../../ui/labels';
import { ClaimLink } from '../../ui/links';
import { PageTitle } from '../../ui/page-title';
import { palette } from '../../ui/palette';
import { describeError, QueryView, UnionError } from '../../ui/query-state';
import { ChangeFields, ChangesSubscription, OverviewQuery } from './operations';

type Overview = ResultOf<typeof OverviewQuery>;
type Summary = Overview['claimSummary'];

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
    ['Claims', data.claimSummary.claims],
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

function ModalityAndRank({ summary }: { summary: Summary }) {
  const count = (modality: EnumOf<'Modality'>, rank: EnumOf<'Rank'>) =>
    summary.byModalityAndRank.find((t) => t.modality === modality && t.rank === rank)?.claims ?? 0;
  const rows = modalities.map((modality) => ({
    modality,
    parts: ranks.map((rank) => ({ label: rankLabel[rank], colour: rankColour[rank], value: count(modality, rank) })),
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

function SingleOrigin({ summary }: { summary: Summary }) {
  const origins = [
    { label: 'one origin', value: summary.oneOrigin, colour: palette.abstention },
    { label: 'two or more', value: summary.severalOrigins, colour: palette.yes },
    { label: 'no traceable origin', value: summary.noOrigin, colour: palette.absent },
  ];
  return (
    <section aria-labelledby="single-origin">
      <h2 id="single-origin">Claims resting on one independent origin</h2>
      <p class="headline-figure">
        <strong>{percent(summary.oneOriginShare ?? 0)}</strong> of claims ({summary.oneOrigin} of {summary.claims}) rest
        on a single independent origin, however many documents repeat them.
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

type Change = ResultOf<typeof ChangeFields>;

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

const SHOWN_CHANGES = 20;

/** The latest changes logged when the page loaded, then those that commit while it is open, newest first. */
function RecentChanges({ logged }: { logged: Overview['changes'] }) {
  const latest =
    logged.__typename === 'ChangeConnection'
      ? logged.edges.map((edge) => readFragment(ChangeFields, edge)).toReversed()
      : [];
  const after = logged.__typename === 'ChangeConnection' ? logged.pageInfo.endCursor : null;
  // From the last change read, so that nothing between the read and the subscription is missed.
  const [{ data: live = [], error }] = useSubscription(
    { query: ChangesSubscription, variables: { after } },
    (seen: Change[] = [], event) => [readFragment(ChangeFields, event.changes), ...seen].slice(0, SHOWN_CHANGES),
  );
  const changes = [...live, ...latest].slice(0, SHOWN_CHANGES);
  return (
    <section aria-labelledby="recent-changes">
      <h2 id="recent-changes">Recent changes</h2>
      {logged.__typename === 'ChangeConnection' ? (
        <p class="muted small">
          The latest of {logged.totalCount} changes logged, newest first; those made while this page is open appear on
          top as they commit.
        </p>
      ) : (
        <UnionError error={logged} />
      )}
      {error && <UnionError error={{ message: describeError(error) }} />}
      {changes.length === 0 ? (
        <p aria-live="polite">No change logged yet.</p>
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
          return (
            <div class="overview">
              <Counts data={data} />
              <div class="grid">
                <ModalityAndRank summary={data.claimSummary} />
                <SingleOrigin summary={data.claimSummary} />
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
