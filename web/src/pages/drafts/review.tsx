import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { useApiKey } from '../../api-key';
import type { EnumOf, ResultOf } from '../../graphql';
import { paths } from '../../routes';
import { codeLabel, derivationLabel, modalityLabel } from '../../ui/labels';
import { ClaimLink, EntityLink, SourceLink } from '../../ui/links';
import { MarkedText } from '../../ui/marked';
import { PageTitle } from '../../ui/page-title';
import { QueryView } from '../../ui/query-state';
import { EnumSelect, Field, formValues, KeyPanel, Submit, submitTo } from '../curation/form-parts';
import { type Outcome, outcomeOf } from '../curation/outcome';
import { CommitDraftMutation, DraftReviewQuery, EditProposalMutation, ReviewProposalMutation } from './operations';

type Draft = NonNullable<ResultOf<typeof DraftReviewQuery>['draft']>;
type Proposal = Draft['proposals']['edges'][number]['node'];
type Answer = ResultOf<typeof CommitDraftMutation>['commitDraft'];

/** A validation error's problems, each with the proposal and path it names, as the outcome beside the form. */
function outcomeOfDraft(answer: Answer | undefined, error: Parameters<typeof outcomeOf>[1], saved: string): Outcome {
  if (answer?.__typename === 'DraftValidationError') {
    const problems = answer.problems.map((p) => `${p.proposal ?? 'source'} ${p.path}: ${p.message}`);
    return { fields: {}, form: `${answer.message}: ${problems.join('; ')}` };
  }
  return outcomeOf(answer, error, {}, saved);
}

/** What a proposal says, in one line. */
function Summary({ proposal }: { proposal: Proposal }) {
  const { detail } = proposal;
  switch (detail.__typename) {
    case 'StatementProposalDetail':
      return (
        <>
          <code>{detail.agent}</code>
          {detail.onBehalfOf && (
            <>
              {' '}
              for <code>{detail.onBehalfOf}</code>
            </>
          )}
          , {detail.ownWords ? 'own words' : "reporter's words"}, {modalityLabel[detail.modality].toLowerCase()}:{' '}
          <q>{detail.quotation}</q>
          {detail.linkedClaim ? (
            <div class="small">
              Adds to the existing claim, which holds a statement in the same words:{' '}
              <ClaimLink claim={detail.linkedClaim} />
            </div>
          ) : (
            <div class="muted small">New claim: {detail.statement}</div>
          )}
        </>
      );
    case 'EntityProposalDetail':
      return (
        <>
          {detail.name}: {detail.existing ? 'links' : `a new ${codeLabel(detail.entityKind).toLowerCase()}`}{' '}
          <code>{detail.entity}</code>
          {detail.alternatives.length > 0 && <span class="muted"> (or {detail.alternatives.join(', ')})</span>}
        </>
      );
    case 'QuantityProposalDetail':
      return (
        <>
          <q>{detail.text}</q>: {detail.approximate ? 'about ' : ''}
          {detail.amount} {detail.unit}
        </>
      );
    case 'DerivationProposalDetail':
      return (
        <>
          {derivationLabel[detail.how]} {detail.existing ? 'the existing source' : 'a new source'}{' '}
          <code>{detail.origin}</code> ({detail.title})
        </>
      );
    default:
      return detail satisfies never;
  }
}

/** Unlinks a statement from the existing claim it was linked to: committing makes its claim new. */
function Unlink({ proposal }: { proposal: Proposal }) {
  const [{ fetching }, run] = useMutation(EditProposalMutation);
  const [outcome, setOutcome] = useState<Outcome>({ fields: {} });
  return (
    <>
      <button
        type="button"
        class="secondary"
        disabled={fetching}
        onClick={() =>
          void (async () => {
            const result = await run({ id: proposal.id, edit: { linkedClaim: null } });
            setOutcome(outcomeOf(result.data?.editProposal, result.error, {}, ''));
          })()
        }
      >
        Make it a new claim
      </button>
      {outcome.form && (
        <p class="error form-status" role="alert">
          Refused: {outcome.form}
        </p>
      )}
    </>
  );
}

/** Changes a statement's modality and whose words they are, and accepts it. */
function StatementEdit({ proposal, open }: { proposal: Proposal; open: boolean }) {
  const [{ fetching }, run] = useMutation(EditProposalMutation);
  const [outcome, setOutcome] = useState<Outcome>({ fields: {} });
  const detail = proposal.detail.__typename === 'StatementProposalDetail' ? proposal.detail : undefined;
  const [modality, setModality] = useState<EnumOf<'Modality'>>(detail?.modality ?? 'ASSERTED');
  if (!detail || !open) return null;
  return (
    <details>
      <summary>Edit</summary>
      <form
        class="stacked"
        onSubmit={submitTo(async (form) => {
          const values = formValues(form);
          const edit = { modality, ownWords: values.ownWords === 'on', statement: values.statement?.trim() };
          const result = await run({ id: proposal.id, edit });
          setOutcome(outcomeOf(result.data?.editProposal, result.error, values, 'Saved and accepted.'));
        })}
      >
        <Field id="statement" label="The claim in one sentence" outcome={outcome}>
          {(props) => <textarea {...props} rows={2} defaultValue={detail.statement} />}
        </Field>
        <Field id="modality" label="Modality" outcome={outcome}>
          {(props) => <EnumSelect {...props} labels={modalityLabel} value={modality} choose={setModality} />}
        </Field>
        <label>
          <input type="checkbox" name="ownWords" defaultChecked={detail.ownWords} /> The agent's own words
        </label>
        <Submit label="Save and accept" busy={fetching} outcome={outcome} />
      </form>
    </details>
  );
}

function ProposalItem({ proposal, number, open }: { proposal: Proposal; number: number; open: boolean }) {
  const [{ fetching }, review] = useMutation(ReviewProposalMutation);
  const [outcome, setOutcome] = useState<Outcome>({ fields: {} });
  const decide = async (decision: EnumOf<'ProposalDecision'>) => {
    const result = await review({ id: proposal.id, decision });
    setOutcome(outcomeOf(result.data?.reviewProposal, result.error, {}, ''));
  };
  return (
    <li id={`proposal-${number}`} class={`proposal ${proposal.status.toLowerCase()}`}>
      <div>
        <span class="badge">{codeLabel(proposal.kind)}</span> <span class="badge">{codeLabel(proposal.status)}</span>{' '}
        <Summary proposal={proposal} />
      </div>
      <div class="muted small">
        [{number}] {proposal.ref} · cue “{proposal.cue.text}” ({proposal.cue.rule}) · confidence{' '}
        {proposal.confidence.toFixed(2)}
        {proposal.reviewedBy && ` · reviewed by ${proposal.reviewedBy}`}
      </div>
      {open && (
        <div class="row">
          <button
            type="button"
            class="secondary"
            disabled={fetching || proposal.status === 'ACCEPTED'}
            aria-label={`Accept ${proposal.ref}`}
            onClick={() => void decide('ACCEPT')}
          >
            Accept
          </button>
          <button
            type="button"
            class="secondary"
            disabled={fetching || proposal.status === 'REJECTED'}
            aria-label={`Reject ${proposal.ref}`}
            onClick={() => void decide('REJECT')}
          >
            Reject
          </button>
          {proposal.detail.__typename === 'StatementProposalDetail' && proposal.detail.linkedClaim && (
            <Unlink proposal={proposal} />
          )}
        </div>
      )}
      {outcome.form && (
        <p class="error form-status" role="alert">
          Refused: {outcome.form}
        </p>
      )}
      <StatementEdit proposal={proposal} open={open} />
    </li>
  );
}

/** Accepts, one by one, every proposal not yet reviewed. */
function AcceptRemaining({ proposals }: { proposals: Proposal[] }) {
  const [{ fetching }, review] = useMutation(ReviewProposalMutation);
  const remaining = proposals.filter((p) => p.status === 'PROPOSED');
  return (
    <button
      type="button"
      class="secondary"
      disabled={fetching || remaining.length === 0}
      onClick={() =>
        void (async () => {
          for (const proposal of remaining) await review({ id: proposal.id, decision: 'ACCEPT' });
        })()
      }
    >
      Accept the {remaining.length} not yet reviewed
    </button>
  );
}

function Commit({ draft }: { draft: Draft }) {
  const [{ fetching }, commit] = useMutation(CommitDraftMutation);
  const [outcome, setOutcome] = useState<Outcome>({ fields: {} });
  const [committed, setCommitted] = useState<{ key: string; title: string; created: number }>();
  const accepted = draft.proposals.edges.filter(({ node }) => node.status === 'ACCEPTED').length;
  return (
    <form
      class="stacked"
      aria-labelledby="commit"
      onSubmit={submitTo(async () => {
        const result = await commit({ id: draft.id, expectedVersion: draft.version });
        const answer = result.data?.commitDraft;
        if (answer?.__typename === 'DraftCommit') setCommitted({ ...answer.source, created: answer.created });
        setOutcome(outcomeOfDraft(answer, result.error, 'Committed.'));
      })}
    >
      <h2 id="commit">Commit</h2>
      <p>
        Imports the {accepted} accepted proposals through the bundle validation, in one transaction, as version{' '}
        {draft.version} of the draft you see.
      </p>
      <Submit label="Commit the accepted proposals" busy={fetching} outcome={outcome} />
      {committed && (
        <p role="status">
          {committed.created} records created, in <a href={paths.source(committed.key)}>{committed.title}</a>.
        </p>
      )}
    </form>
  );
}

function Review({ draft }: { draft: Draft }) {
  const proposals = draft.proposals.edges.map((edge) => edge.node);
  const open = draft.status === 'OPEN';
  return (
    <>
      <section aria-labelledby="draft-facts">
        <h2 id="draft-facts">{open ? 'Open draft' : 'Committed draft'}</h2>
        <dl class="facts">
          <dt>Publisher</dt>
          <dd>
            <EntityLink entity={draft.publisher} />
          </dd>
          <dt>Proposed by</dt>
          <dd>{draft.createdBy}</dd>
          <dt>Source key</dt>
          <dd>
            {open ? <code>{draft.sourceKey}</code> : <a href={paths.source(draft.sourceKey)}>{draft.sourceKey}</a>}
          </dd>
        </dl>
        {draft.heldSource && (
          <p role="note">
            This very text is already held by <SourceLink source={draft.heldSource} />: committing adds to that source
            what it lacks, and no statement it records twice.
          </p>
        )}
      </section>
      <section aria-labelledby="draft-text">
        <h2 id="draft-text">Text, with what is proposed marked</h2>
        <MarkedText
          text={draft.text}
          anchor="proposal"
          marks={proposals.flatMap((p, index) =>
            p.span && p.status !== 'REJECTED' ? [{ ...p.span, number: index + 1, title: `${p.ref} ${p.kind}` }] : [],
          )}
        />
      </section>
      <section aria-labelledby="proposals">
        <h2 id="proposals">Proposals ({draft.proposals.totalCount})</h2>
        {open && <AcceptRemaining proposals={proposals} />}
        <ol class="records proposals">
          {proposals.map((proposal, index) => (
            <ProposalItem key={proposal.id} proposal={proposal} number={index + 1} open={open} />
          ))}
        </ol>
      </section>
      {open && <Commit draft={draft} />}
    </>
  );
}

export default function DraftReviewPage({ id }: { id: string }) {
  const { key } = useApiKey();
  const query = useQuery({ query: DraftReviewQuery, variables: { id }, pause: !key });
  const draft = query[0].data?.draft;
  return (
    <>
      <PageTitle title={draft?.title ?? 'Draft'}>{draft?.title ?? 'Draft under review'}</PageTitle>
      <KeyPanel />
      {key ? (
        <QueryView query={query} what="the draft">
          {(data) => (data.draft ? <Review draft={data.draft} /> : <p>There is no draft {id}.</p>)}
        </QueryView>
      ) : (
        <p role="note">Drafts are for analysts: type an analyst's API key above to review this one.</p>
      )}
    </>
  );
}
