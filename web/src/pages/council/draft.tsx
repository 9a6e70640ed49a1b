import { useQuery } from '@urql/preact';
import { Fragment } from 'preact';
import { keyFrom, paths } from '../../routes';
import { DateText } from '../../ui/format';
import { outcomeLabel, supportLabel, valuesOf, voteLabel } from '../../ui/labels';
import { ClaimLink, draftName, EntityList } from '../../ui/links';
import { RecordPage } from '../../ui/record-page';
import { DraftQuery } from './operations';

const votes = valuesOf(voteLabel);

export default function DraftPage({ slug }: { slug: string }) {
  const key = keyFrom.draft(slug);
  const query = useQuery({ query: DraftQuery, variables: { key } });
  return (
    <RecordPage
      query={query}
      kind="draft"
      recordKey={key}
      found={(data) => data.unscDraft}
      title={(draft) => `${draftName(draft)}: ${draft.title}`}
    >
      {(draft) => (
        <>
          <section aria-labelledby="draft-record">
            <h2 id="draft-record">Record</h2>
            <dl class="facts">
              <dt>Agenda</dt>
              <dd>
                <a href={paths.council({ agenda: draft.agenda.key })}>{draft.agenda.name}</a>
              </dd>
              {draft.sponsors.length > 0 && (
                <>
                  <dt>Sponsors</dt>
                  <dd>
                    <EntityList entities={draft.sponsors} />
                  </dd>
                </>
              )}
              {draft.submittedAt && (
                <>
                  <dt>Submitted</dt>
                  <dd>
                    <DateText value={draft.submittedAt} />
                  </dd>
                </>
              )}
              <dt>Voted</dt>
              <dd>
                {draft.voteDate ? <DateText value={draft.voteDate} /> : 'not voted'}
                {draft.meeting && ` at meeting ${draft.meeting.recordSymbol}`}
              </dd>
              <dt>Outcome</dt>
              <dd>
                {draft.outcome ? outcomeLabel[draft.outcome] : 'none yet'}
                {draft.resolutionNumber && `: resolution ${draft.resolutionNumber}`}
              </dd>
              {draft.tally && (
                <>
                  <dt>Tally</dt>
                  <dd>
                    {draft.tally.yes} yes, {draft.tally.no} no, {draft.tally.abstentions} abstentions
                    {draft.tally.nonVoting > 0 && `, ${draft.tally.nonVoting} not participating`}
                  </dd>
                </>
              )}
            </dl>
          </section>
          <section aria-labelledby="draft-votes">
            <h2 id="draft-votes">Votes</h2>
            <dl class="facts votes">
              {votes.map((vote) => {
                const members = draft.votes.filter((v) => v.vote === vote).map((v) => v.member);
                return (
                  members.length > 0 && (
                    <Fragment key={vote}>
                      <dt>
                        <span class={`badge vote-${vote.toLowerCase()}`}>{voteLabel[vote]}</span> ({members.length})
                      </dt>
                      <dd>
                        <EntityList entities={members} />
                      </dd>
                    </Fragment>
                  )
                );
              })}
            </dl>
          </section>
          {draft.claims.length > 0 && (
            <section aria-labelledby="draft-claims">
              <h2 id="draft-claims">Claims it bears on</h2>
              <ul class="records">
                {draft.claims.map(({ support, note, claim }) => (
                  <li key={claim.key}>
                    {supportLabel[support]}: <ClaimLink claim={claim} />
                    {note && <div class="muted">{note}</div>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </RecordPage>
  );
}
