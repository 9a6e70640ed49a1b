import { useClient, useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useApiKey } from '../../api-key';
import type { EnumOf, ResultOf } from '../../graphql';
import { keyFrom, paths } from '../../routes';
import { credibilityGrades, credibilityLabel, rankLabel, stanceLabel } from '../../ui/labels';
import { ClaimLink, EntityLink, SourceLink } from '../../ui/links';
import { PageTitle } from '../../ui/page-title';
import { QueryView } from '../../ui/query-state';
import { EnumSelect, Field, formValues, KeyPanel, Submit, submitTo } from './form-parts';
import {
  AddAttributionMutation,
  CurationClaimQuery,
  SetClaimCredibilityMutation,
  SetClaimRankMutation,
  SourceTextQuery,
} from './operations';
import { type Outcome, outcomeOf } from './outcome';

type Claim = NonNullable<ResultOf<typeof CurationClaimQuery>['claim']>;

function ClaimPicker({ current }: { current?: string }) {
  const { route } = useLocation();
  return (
    <form
      class="stacked"
      onSubmit={(event) => {
        event.preventDefault();
        const key = formValues(event.currentTarget).claim?.trim();
        if (key) route(paths.curation(key.startsWith('claim:') ? key : keyFrom.claim(key)));
      }}
    >
      <label for="claim-key">Claim to curate (its key; a claim's page links here)</label>
      <div class="row">
        <input id="claim-key" name="claim" defaultValue={current} key={current} placeholder="claim:..." required />
        <button type="submit" class="secondary">
          Open
        </button>
      </div>
    </form>
  );
}

function RankForm({ claim }: { claim: Claim }) {
  const [{ fetching }, run] = useMutation(SetClaimRankMutation);
  const [outcome, setOutcome] = useState<Outcome>({ fields: {} });
  // Offers the change an analyst most likely means: deprecating, or restoring a deprecated claim.
  const [choice, setChoice] = useState<EnumOf<'Rank'>>(claim.rank === 'DEPRECATED' ? 'NORMAL' : 'DEPRECATED');
  return (
    <form
      class="stacked"
      aria-labelledby="rank-form"
      onSubmit={submitTo(async (form) => {
        const values = formValues(form);
        const rank = values.rank as EnumOf<'Rank'>;
        const result = await run({
          key: claim.key,
          rank,
          reason: values.reason?.trim() || null,
          expectedVersion: claim.version,
        });
        setOutcome(
          outcomeOf(
            result.data?.setClaimRank,
            result.error,
            values,
            `Saved: the claim is now ${rankLabel[rank].toLowerCase()}.`,
          ),
        );
      })}
    >
      <h3 id="rank-form">Rank (deprecate with a reason)</h3>
      <Field id="rank" label="Rank" outcome={outcome}>
        {(props) => <EnumSelect {...props} labels={rankLabel} value={choice} choose={setChoice} />}
      </Field>
      <Field id="reason" label="Reason for deprecation" outcome={outcome}>
        {(props) => <textarea {...props} rows={2} />}
      </Field>
      <Submit label="Set the rank" busy={fetching} outcome={outcome} />
    </form>
  );
}

function CredibilityForm({ claim }: { claim: Claim }) {
  const [{ fetching }, run] = useMutation(SetClaimCredibilityMutation);
  const [outcome, setOutcome] = useState<Outcome>({ fields: {} });
  const [choice, setChoice] = useState(claim.credibility == null ? '' : String(claim.credibility));
  return (
    <form
      class="stacked"
      aria-labelledby="credibility-form"
      onSubmit={submitTo(async (form) => {
        const values = formValues(form);
        const credibility = values.credibility ? Number(values.credibility) : null;
        const result = await run({ key: claim.key, credibility, expectedVersion: claim.version });
        setOutcome(
          outcomeOf(
            result.data?.setClaimCredibility,
            result.error,
            values,
            `Saved: credibility ${credibilityLabel(credibility)}.`,
          ),
        );
      })}
    >
      <h3 id="credibility-form">Credibility grade</h3>
      <p class="muted small">The evidence suggests {credibilityLabel(claim.corroboration.suggestedCredibility)}.</p>
      <Field id="credibility" label="Admiralty information credibility" outcome={outcome}>
        {(props) => (
          <select {...props} value={choice} onChange={(event) => setChoice((event.target as HTMLSelectElement).value)}>
            <option value="">Not graded</option>
            {credibilityGrades.map(({ grade, label }) => (
              <option key={grade} value={String(grade)}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Submit label="Set the grade" busy={fetching} outcome={outcome} />
    </form>
  );
}

const emptyAttribution = {
  agent: '',
  source: '',
  quotation: '',
  spanStart: '',
  spanEnd: '',
  stance: 'SUPPORTS' as EnumOf<'Stance'>,
  onBehalfOf: '',
  statedAt: '',
};

function AttributionForm({ claim }: { claim: Claim }) {
  const client = useClient();
  const [{ fetching }, run] = useMutation(AddAttributionMutation);
  const [values, setValues] = useState(emptyAttribution);
  const [outcome, setOutcome] = useState<Outcome>({ fields: {} });
  const set = (name: keyof typeof emptyAttribution) => (event: Event) =>
    setValues({ ...values, [name]: (event.target as HTMLInputElement).value });
  // Spans count code points in the source text; the page finds the quotation there rather than asking for numbers.
  const findSpan = async () => {
    const result = await client.query(SourceTextQuery, { key: values.source.trim() }).toPromise();
    const text = result.data?.source?.text;
    const at = text && values.quotation ? text.indexOf(values.quotation) : -1;
    if (!text || at < 0) {
      setOutcome({
        fields: { quotation: text ? 'This quotation is not in the source text.' : 'That source has no text held.' },
      });
      return;
    }
    const start = Array.from(text.slice(0, at)).length;
    setValues({ ...values, spanStart: String(start), spanEnd: String(start + Array.from(values.quotation).length) });
    setOutcome({ fields: {} });
  };
  const text = (name: keyof typeof emptyAttribution, label: string, placeholder?: string) => (
    <Field id={name} label={label} outcome={outcome}>
      {(props) => <input {...props} value={values[name]} onInput={set(name)} placeholder={placeholder} />}
    </Field>
  );
  return (
    <form
      class="stacked"
      aria-labelledby="attribution-form"
      onSubmit={submitTo(async () => {
        const result = await run({
          claim: claim.key,
          input: {
            agent: values.agent.trim(),
            source: values.source.trim(),
            quotation: values.quotation,
            spanStart: Number(values.spanStart),
            spanEnd: Number(values.spanEnd),
            stance: values.stance,
            onBehalfOf: values.onBehalfOf.trim() || null,
            statedAt: values.statedAt ? new Date(values.statedAt).toISOString() : null,
          },
        });
        const next = outcomeOf(result.data?.addAttribution, result.error, values, 'Saved: the attribution is added.');
        setOutcome(next);
        if (next.saved) setValues(emptyAttribution);
      })}
    >
      <h3 id="attribution-form">Add an attribution</h3>
      {text('agent', 'Who said it (entity key)', 'entity:...')}
      {text('onBehalfOf', 'On behalf of (entity key, optional)', 'entity:...')}
      {text('source', 'Where (source key)', 'source:...')}
      <Field id="quotation" label="In what words (the exact quotation from the source text)" outcome={outcome}>
        {(props) => <textarea {...props} rows={2} value={values.quotation} onInput={set('quotation')} />}
      </Field>
      <p>
        <button
          type="button"
          class="secondary"
          onClick={() => void findSpan()}
          disabled={!values.source || !values.quotation}
        >
          Find the quotation in the source
        </button>
      </p>
      <div class="row">
        <div>{text('spanStart', 'From character')}</div>
        <div>{text('spanEnd', 'To character')}</div>
      </div>
      <Field id="stance" label="Stance" outcome={outcome}>
        {(props) => (
          <EnumSelect
            {...props}
            labels={stanceLabel}
            value={values.stance}
            choose={(stance) => setValues({ ...values, stance })}
          />
        )}
      </Field>
      <Field id="statedAt" label="When it was said (optional, UTC)" outcome={outcome}>
        {(props) => <input {...props} type="datetime-local" value={values.statedAt} onInput={set('statedAt')} />}
      </Field>
      <Submit label="Add the attribution" busy={fetching} outcome={outcome} />
    </form>
  );
}

function ClaimCuration({ claimKey, readOnly }: { claimKey: string; readOnly: boolean }) {
  const query = useQuery({ query: CurationClaimQuery, variables: { key: claimKey } });
  return (
    <QueryView query={query} what="the claim">
      {({ claim }) =>
        claim ? (
          <>
            <section aria-labelledby="current">
              <h2 id="current">
                <ClaimLink claim={claim} />
              </h2>
              <dl class="facts">
                <dt>Rank</dt>
                <dd>
                  {rankLabel[claim.rank]}
                  {claim.deprecationReason && ` because: ${claim.deprecationReason}`}
                </dd>
                <dt>Credibility</dt>
                <dd>{credibilityLabel(claim.credibility)}</dd>
                <dt>Version</dt>
                <dd>{claim.version}</dd>
                <dt>Attributions</dt>
                <dd>
                  <ul>
                    {claim.attributions.edges.map(({ node }) => (
                      <li key={node.id}>
                        {stanceLabel[node.stance]}: <EntityLink entity={node.agent} /> in{' '}
                        <SourceLink source={node.source} />: <q>{node.quotation}</q>
                      </li>
                    ))}
                  </ul>
                </dd>
              </dl>
            </section>
            {/* A disabled fieldset keeps every control of the forms inert without a key. */}
            <fieldset disabled={readOnly}>
              <div class="grid">
                <section>
                  <RankForm claim={claim} />
                </section>
                <section>
                  <CredibilityForm claim={claim} />
                </section>
              </div>
              <section>
                <AttributionForm claim={claim} />
              </section>
            </fieldset>
          </>
        ) : (
          <p>There is no claim {claimKey}.</p>
        )
      }
    </QueryView>
  );
}

export default function CurationPage({ slug }: { slug?: string }) {
  const { key } = useApiKey();
  const claimKey = slug ? keyFrom.claim(slug) : undefined;
  return (
    <>
      <PageTitle>Curation</PageTitle>
      <KeyPanel />
      {!key && (
        <p class="not-available" role="note">
          <strong>Read-only:</strong> curating needs an API key with the analyst or admin role (ask an admin:{' '}
          <code>npm run kb -- keys create --owner you --role analyst</code>). Every change is kept in the claim's
          history under the key's owner; nothing is ever deleted.
        </p>
      )}
      <section aria-label="Choose a claim">
        <ClaimPicker current={claimKey} />
      </section>
      {claimKey && <ClaimCuration claimKey={claimKey} readOnly={!key} />}
    </>
  );
}
