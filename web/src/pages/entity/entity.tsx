import { useQuery } from '@urql/preact';
import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import type { EnumOf, ResultOf } from '../../graphql';
import { keyFrom } from '../../routes';
import { Chart, type ChartOption } from '../../ui/chart';
import { DateText, plural } from '../../ui/format';
import {
  codeLabel,
  identifierLabel,
  modalityLabel,
  outcomeLabel,
  rankLabel,
  stanceLabel,
  valuesOf,
  voteLabel,
  wordingLabel,
} from '../../ui/labels';
import { ClaimLink, DraftLink, EntityLink, SourceLink } from '../../ui/links';
import { SampleNote } from '../../ui/not-available';
import { palette } from '../../ui/palette';
import { QueryView, UnionError } from '../../ui/query-state';
import { RecordPage } from '../../ui/record-page';
import { EntityQuery, MemberVotesQuery } from './operations';

type Data = ResultOf<typeof EntityQuery>;
type Entity = NonNullable<Data['entity']>;

const modalities = valuesOf(modalityLabel);
const stances = valuesOf(stanceLabel);
const stanceColour: Record<EnumOf<'Stance'>, string> = {
  SUPPORTS: palette.yes,
  REPORTS: palette.accent,
  REFUTES: palette.no,
};

const period = (from: string | null, to: string | null) => (from || to ? ` (${from ?? '…'} – ${to ?? 'now'})` : '');

function About({ entity }: { entity: Entity }) {
  return (
    <section aria-labelledby="about">
      <h2 id="about">{codeLabel(entity.kind)}</h2>
      {entity.description && <p>{entity.description}</p>}
      <dl class="facts">
        {entity.aliases.length > 0 && (
          <>
            <dt>Also known as</dt>
            <dd>{entity.aliases.map((alias) => alias.name).join(', ')}</dd>
          </>
        )}
        {entity.identifiers.map((id) => (
          <Fragment key={id.scheme}>
            <dt>{identifierLabel[id.scheme]}</dt>
            <dd>{id.value}</dd>
          </Fragment>
        ))}
        {entity.roles.map((role) => (
          <Fragment key={`role:${role.title}:${role.organisation.key}`}>
            <dt>Role</dt>
            <dd>
              {role.title}, <EntityLink entity={role.organisation} />
              {period(role.validFrom, role.validTo)}
            </dd>
          </Fragment>
        ))}
        {entity.members.map((role) => (
          <Fragment key={`member:${role.title}:${role.holder.key}`}>
            <dt>{role.title}</dt>
            <dd>
              <EntityLink entity={role.holder} />
              {period(role.validFrom, role.validTo)}
            </dd>
          </Fragment>
        ))}
        <dt>Key</dt>
        <dd>
          <code>{entity.key}</code>
        </dd>
      </dl>
    </section>
  );
}

function SaidAbout({ entity }: { entity: Entity }) {
  const claims = entity.claimsAbout.edges.map((edge) => edge.node);
  const option = useMemo<ChartOption>(() => {
    const count = (modality: string, stance: string) =>
      claims
        .filter((claim) => claim.modality === modality)
        .flatMap((claim) => claim.attributions.edges)
        .filter((edge) => edge.node.stance === stance).length;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: modalities.map((m) => modalityLabel[m]) },
      yAxis: { type: 'value', minInterval: 1, name: 'attributions' },
      series: stances.map((stance) => ({
        name: stanceLabel[stance],
        type: 'bar',
        stack: 'stance',
        itemStyle: { color: stanceColour[stance] },
        data: modalities.map((modality) => count(modality, stance)),
      })),
    };
  }, [claims]);
  return (
    <section aria-labelledby="said-about">
      <h2 id="said-about">What is said about {entity.name}</h2>
      {claims.length === 0 ? (
        <p class="muted">No claim has it as its subject.</p>
      ) : (
        <>
          <Chart option={option} label="Bar chart of attributions about the entity, by modality and stance" />
          <SampleNote read={claims.length} total={entity.claimsAbout.totalCount} what="claims about it" />
          {modalities.map((modality) => {
            const group = claims.filter((claim) => claim.modality === modality);
            return (
              group.length > 0 && (
                <Fragment key={modality}>
                  <h3>
                    {modalityLabel[modality]} ({group.length})
                  </h3>
                  <ul class="records">
                    {group.map((claim) => (
                      <li key={claim.key}>
                        <ClaimLink claim={claim} />{' '}
                        {claim.rank !== 'NORMAL' && (
                          <span class={`badge ${claim.rank.toLowerCase()}`}>{rankLabel[claim.rank]}</span>
                        )}
                        <div class="muted">
                          {claim.attributions.edges.map(({ node }, index) => (
                            <span key={node.id}>
                              {index > 0 && '; '}
                              {stanceLabel[node.stance]}: <EntityLink entity={node.agent} />
                            </span>
                          ))}
                        </div>
                      </li>
                    ))}
                  </ul>
                </Fragment>
              )
            );
          })}
        </>
      )}
    </section>
  );
}

function Said({ entity }: { entity: Entity }) {
  const statements = entity.statements.edges.map((edge) => edge.node);
  return (
    <section aria-labelledby="said">
      <h2 id="said">
        What {entity.name} said, itself or through those who speak for it ({entity.statements.totalCount})
      </h2>
      {statements.length === 0 ? (
        <p class="muted">No statement is attributed to it.</p>
      ) : (
        <ul class="records">
          {statements.map((statement) => (
            <li key={statement.id}>
              {statement.quotation ? <q>{statement.quotation}</q> : <span class="muted">(words not held)</span>}
              <div class="muted">
                {statement.agent.key !== entity.key && (
                  <>
                    through <EntityLink entity={statement.agent} />:{' '}
                  </>
                )}
                {wordingLabel[statement.wording]}; {stanceLabel[statement.stance].toLowerCase()}{' '}
                <ClaimLink claim={statement.claim} /> ({modalityLabel[statement.claim.modality].toLowerCase()}), in{' '}
                <SourceLink source={statement.source} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Timeline({ timeline }: { timeline: Data['timeline'] }) {
  const events = timeline.__typename === 'TimelineConnection' ? timeline.edges.map((edge) => edge.node) : [];
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: (item) => (item as { name?: string }).name ?? '' },
      grid: { left: 110, right: 24, top: 16, bottom: 32 },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: ['Claims', 'UN decisions'] },
      series: [
        {
          type: 'scatter',
          symbolSize: 12,
          itemStyle: { color: palette.accent },
          data: events.map((event) => ({
            name: event.claim?.statement ?? event.unscDecision?.symbol ?? '',
            value: [event.at, event.kind === 'CLAIM' ? 'Claims' : 'UN decisions'],
          })),
        },
      ],
    }),
    [events],
  );
  if (timeline.__typename !== 'TimelineConnection') return <UnionError error={timeline} />;
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">Timeline ({plural(timeline.totalCount, 'event')})</h2>
      {events.length === 0 ? (
        <p class="muted">No dated claim or decision concerns it.</p>
      ) : (
        <>
          <Chart option={option} height={180} label="Timeline of dated claims and Security Council decisions" />
          <ol class="timeline">
            {events.map((event, index) => (
              <li key={index}>
                <DateText value={event.at} /> {event.claim && <ClaimLink claim={event.claim} />}
                {event.unscDecision && (
                  <>
                    Security Council: <DraftLink draft={event.unscDecision} />
                    {event.unscDecision.outcome && `, ${outcomeLabel[event.unscDecision.outcome].toLowerCase()}`}
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Votes({ entity }: { entity: Entity }) {
  const query = useQuery({ query: MemberVotesQuery });
  return (
    <section aria-labelledby="votes">
      <h2 id="votes">Security Council votes ({entity.unscVotes.totalCount})</h2>
      <QueryView query={query} what="the votes">
        {({ unscDrafts }) => {
          if (unscDrafts.__typename !== 'UnscDraftConnection') return <UnionError error={unscDrafts} />;
          const rows = unscDrafts.edges.flatMap(({ node }) => {
            const vote = node.votes.find((v) => v.member.key === entity.key)?.vote;
            return vote ? [{ draft: node, vote }] : [];
          });
          return (
            <>
              <SampleNote read={unscDrafts.edges.length} total={unscDrafts.totalCount} what="drafts" />
              <table class="compact">
                <thead>
                  <tr>
                    <th scope="col">Voted</th>
                    <th scope="col">Draft</th>
                    <th scope="col">Vote</th>
                    <th scope="col">Outcome</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ draft, vote }) => (
                    <tr key={draft.key}>
                      <td>{draft.voteDate && <DateText value={draft.voteDate} />}</td>
                      <td>
                        <DraftLink draft={draft} /> <span class="muted">{draft.title}</span>
                      </td>
                      <td>
                        <span class={`badge vote-${vote.toLowerCase()}`}>{voteLabel[vote]}</span>
                      </td>
                      <td>{draft.outcome && outcomeLabel[draft.outcome]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

export default function EntityPage({ slug }: { slug: string }) {
  const key = keyFrom.entity(slug);
  const query = useQuery({ query: EntityQuery, variables: { key } });
  return (
    <RecordPage query={query} kind="entity" recordKey={key} found={(data) => data.entity} title={(e) => e.name}>
      {(entity, { timeline }) => (
        <>
          <About entity={entity} />
          <SaidAbout entity={entity} />
          <Said entity={entity} />
          <Timeline timeline={timeline} />
          {entity.unscVotes.totalCount > 0 && <Votes entity={entity} />}
        </>
      )}
    </RecordPage>
  );
}
