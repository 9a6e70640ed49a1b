import { useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { paths } from '../../routes';
import { DateText } from '../../ui/format';
import { DraftLink, EntityLink } from '../../ui/links';
import { SampleNote } from '../../ui/not-available';
import { PageTitle } from '../../ui/page-title';
import { QueryView, UnionError } from '../../ui/query-state';
import { Alignment } from './alignment';
import { AgendasQuery, CouncilQuery } from './operations';
import { membersOf, VoteMatrix } from './vote-matrix';

function AgendaPicker({ agenda, choose }: { agenda: string | undefined; choose: (agenda: string) => void }) {
  const [{ data }] = useQuery({ query: AgendasQuery });
  const agendas = data?.unscAgendas.edges.map((edge) => edge.node) ?? [];
  return (
    <label class="agenda">
      Agenda{' '}
      <select value={agenda ?? ''} onChange={(event) => choose((event.target as HTMLSelectElement).value)}>
        <option value="">All agendas</option>
        {agendas.map((item) => (
          <option key={item.key} value={item.key}>
            {item.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function CouncilPage() {
  const { query: params, route } = useLocation();
  const agenda = params.agenda || undefined;
  const query = useQuery({ query: CouncilQuery, variables: { agenda } });
  const update = (change: { agenda?: string; a?: string; b?: string }) =>
    route(paths.council({ agenda, a: params.a, b: params.b, ...change }), true);
  return (
    <>
      <PageTitle>Security Council</PageTitle>
      <AgendaPicker agenda={agenda} choose={(next) => update({ agenda: next || undefined })} />
      <QueryView query={query} what="the Security Council record">
        {({ unscDrafts, unscVetoes }) => {
          if (unscDrafts.__typename !== 'UnscDraftConnection') return <UnionError error={unscDrafts} />;
          const drafts = unscDrafts.edges.map((edge) => edge.node);
          const members = membersOf(drafts);
          return (
            <>
              <section aria-labelledby="matrix">
                <h2 id="matrix">
                  Votes: {members.length} members on {drafts.length} drafts
                </h2>
                <SampleNote read={drafts.length} total={unscDrafts.totalCount} what="drafts" />
                <ul class="legend">
                  <li>
                    <span class="swatch vote-y" /> Y yes
                  </li>
                  <li>
                    <span class="swatch vote-n" /> N no
                  </li>
                  <li>
                    <span class="swatch vote-a" /> A abstention
                  </li>
                  <li>
                    <span class="swatch vote-x" /> X not participating
                  </li>
                  <li>
                    <span class="swatch none" /> not a member
                  </li>
                </ul>
                <VoteMatrix drafts={drafts} members={members} />
              </section>
              <section aria-labelledby="vetoes">
                <h2 id="vetoes">Vetoes</h2>
                {unscVetoes.__typename !== 'UnscVetoConnection' ? (
                  <UnionError error={unscVetoes} />
                ) : unscVetoes.edges.length === 0 ? (
                  <p class="muted">No veto.</p>
                ) : (
                  <ul class="records">
                    {unscVetoes.edges.map(({ node }) => (
                      <li key={`${node.draft.key}:${node.member.key}`}>
                        <DateText value={node.date} />: <EntityLink entity={node.member} /> vetoed{' '}
                        <DraftLink draft={node.draft} /> <span class="muted">{node.draft.title}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              {members.length >= 2 && (
                <Alignment
                  members={members}
                  a={params.a ?? members[0]?.key ?? ''}
                  b={params.b ?? members[1]?.key ?? ''}
                  agenda={agenda}
                  choose={(which, key) => update({ [which]: key })}
                />
              )}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
