import { useQuery } from '@urql/preact';
import type { ResultOf } from '../../graphql';
import { keyFrom, paths } from '../../routes';
import { ClaimValueText } from '../../ui/claim-value';
import { DateText, DateTimeText, plural } from '../../ui/format';
import {
  credibilityLabel,
  modalityLabel,
  outcomeLabel,
  rankLabel,
  reliabilityLabel,
  stanceLabel,
  supportLabel,
  tensionLabel,
  wordingLabel,
} from '../../ui/labels';
import { ClaimLink, DraftLink, EntityLink, EntityList, SourceLink } from '../../ui/links';
import { QuotationInSource } from '../../ui/marked';
import { UnionError } from '../../ui/query-state';
import { RecordPage } from '../../ui/record-page';
import { Chain } from './chain';
import { ClaimQuery } from './operations';

type Claim = NonNullable<ResultOf<typeof ClaimQuery>['claim']>;

function Summary({ claim }: { claim: Claim }) {
  return (
    <section aria-labelledby="claim-summary">
      <h2 id="claim-summary">The claim</h2>
      <dl class="facts">
        <dt>Subject</dt>
        <dd>
          <EntityLink entity={claim.subject} />
        </dd>
        <dt>Predicate</dt>
        <dd>{claim.predicate}</dd>
        <dt>Value</dt>
        <dd>
          <ClaimValueText value={claim.value} />
        </dd>
        {claim.place && (
          <>
            <dt>Where</dt>
            <dd>
              <EntityLink entity={claim.place} />
            </dd>
          </>
        )}
        {claim.pointInTime && (
          <>
            <dt>When</dt>
            <dd>
              <DateTimeText value={claim.pointInTime} />
            </dd>
          </>
        )}
        {claim.period && (
          <>
            <dt>Period</dt>
            <dd>
              {claim.period.start ? <DateText value={claim.period.start} /> : '…'} –{' '}
              {claim.period.end ? <DateText value={claim.period.end} /> : '…'}
            </dd>
          </>
        )}
        <dt>Modality</dt>
        <dd>{modalityLabel[claim.modality]}</dd>
        <dt>Rank</dt>
        <dd>
          <span class={`badge ${claim.rank === 'DEPRECATED' ? 'deprecated' : ''}`}>{rankLabel[claim.rank]}</span>
          {claim.deprecationReason && <span> because: {claim.deprecationReason}</span>}
        </dd>
        <dt>Credibility</dt>
        <dd>{credibilityLabel(claim.credibility)} (curated)</dd>
        <dt>Key</dt>
        <dd>
          <code>{claim.key}</code> (version {claim.version}) · <a href={paths.curation(claim.key)}>Curate this claim</a>
        </dd>
      </dl>
    </section>
  );
}

function Evidence({ claim }: { claim: Claim }) {
  return (
    <section aria-labelledby="evidence">
      <h2 id="evidence">Who said it, where, in what words ({claim.attributions.totalCount})</h2>
      <ul class="records">
        {claim.attributions.edges.map(({ node }) => (
          <li key={node.id}>
            <div>
              <span class={`badge ${node.stance.toLowerCase()}`}>{stanceLabel[node.stance]}</span>{' '}
              <EntityLink entity={node.agent} />
              {node.onBehalfOf && (
                <>
                  {' '}
                  for <EntityLink entity={node.onBehalfOf} />
                </>
              )}{' '}
              in <SourceLink source={node.source} />
              {node.statedAt && (
                <>
                  , <DateTimeText value={node.statedAt} />
                </>
              )}
            </div>
            {node.source.text && node.span ? (
              <>
                <QuotationInSource text={node.source.text} span={node.span} />
                <div class="muted small">
                  {wordingLabel[node.wording]} · characters {node.span.start}–{node.span.end}
                </div>
              </>
            ) : (
              <p class="muted small">
                {wordingLabel[node.wording]}: the source's text is not held; the statement is known from a later source
                that repeats it.
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Origin = Claim['corroboration']['contradictingOrigins'][number];

function OriginText({ origin }: { origin: Origin }) {
  return (
    <>
      {origin.source && <SourceLink source={origin.source} />}
      {origin.unscRecord && <DraftLink draft={origin.unscRecord} />}
      {origin.reliability && <span class="muted"> · reliability {reliabilityLabel[origin.reliability]}</span>}
      {origin.agents.length > 0 && (
        <span class="muted">
          {' '}
          · <EntityList entities={origin.agents} />
        </span>
      )}
      {origin.note && <div class="muted small">{origin.note}</div>}
    </>
  );
}

/** Whether the curator's grade is the one the evidence suggests, in words. */
function curatedAgreement(claim: Claim) {
  const { agreesWithCurated } = claim.corroboration;
  if (agreesWithCurated === null) return 'no curator has graded it.';
  return agreesWithCurated
    ? 'the curated grade agrees.'
    : `the curated grade, ${credibilityLabel(claim.credibility)}, disagrees.`;
}

function Corroboration({ claim }: { claim: Claim }) {
  const c = claim.corroboration;
  return (
    <section aria-labelledby="corroboration">
      <h2 id="corroboration">Corroboration</h2>
      <p class="headline-figure">
        <strong>{plural(c.independentOrigins, 'independent origin')}</strong> behind {plural(c.documents, 'document')};
        the evidence suggests credibility {credibilityLabel(c.suggestedCredibility)}; {curatedAgreement(claim)}
      </p>
      <h3>Independent origins</h3>
      <ol class="origin-groups">
        {c.groups.map((group, index) => (
          <li key={index}>
            <ul>
              {group.origins.map((origin) => (
                <li key={origin.statement?.id ?? origin.source?.key ?? origin.unscRecord?.key}>
                  <OriginText origin={origin} />
                </li>
              ))}
            </ul>
            {group.joinedBecause.length > 0 && (
              <div class="joined">Counted as one origin because: {group.joinedBecause.join('; ')}</div>
            )}
          </li>
        ))}
      </ol>
      {c.partialSupport.length > 0 && (
        <>
          <h3>Records that bear it out only in part (not counted)</h3>
          <ul>
            {c.partialSupport.map((origin) => (
              <li key={origin.unscRecord?.key ?? origin.source?.key}>
                <OriginText origin={origin} />
              </li>
            ))}
          </ul>
        </>
      )}
      {c.contradictingOrigins.length > 0 && (
        <>
          <h3>Origins that contradict it</h3>
          <ul>
            {c.contradictingOrigins.map((origin) => (
              <li key={origin.statement?.id ?? origin.source?.key ?? origin.unscRecord?.key}>
                <OriginText origin={origin} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Reasoning</h3>
      <ol>
        {c.reasoning.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
    </section>
  );
}

function UnRecords({ claim }: { claim: Claim }) {
  return (
    <section aria-labelledby="un-records">
      <h2 id="un-records">UN Security Council records that bear on it</h2>
      {claim.unscRecords.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">What it shows</th>
              <th scope="col">Voted</th>
              <th scope="col">Outcome</th>
              <th scope="col">Yes–No–Abstentions</th>
            </tr>
          </thead>
          <tbody>
            {claim.unscRecords.map(({ support, note, draft }) => (
              <tr key={draft.key}>
                <td>
                  <DraftLink draft={draft} /> <span class="muted">{draft.title}</span>
                </td>
                <td>
                  <span class={`badge support-${support.toLowerCase()}`}>{supportLabel[support]}</span>
                  {note && <div class="muted small">{note}</div>}
                </td>
                <td>{draft.voteDate && <DateText value={draft.voteDate} />}</td>
                <td>{draft.outcome && outcomeLabel[draft.outcome]}</td>
                <td>{draft.tally && `${draft.tally.yes}–${draft.tally.no}–${draft.tally.abstentions}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Tensions({ claim }: { claim: Claim }) {
  if (claim.tensions.length === 0) return null;
  return (
    <section aria-labelledby="claim-tensions">
      <h2 id="claim-tensions">In tension with</h2>
      <ul class="records">
        {claim.tensions.map((tension) => {
          const other = tension.other.key === claim.key ? tension.claim : tension.other;
          return (
            <li key={`${tension.kind}:${other.key}`}>
              <span class="badge">{tensionLabel[tension.kind]}</span> <ClaimLink claim={other} />
              <div class="muted">{tension.explanation}</div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function History({ claim }: { claim: Claim }) {
  return (
    <section aria-labelledby="history">
      <h2 id="history">History ({claim.history.totalCount} changes)</h2>
      <table class="compact">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Fields</th>
          </tr>
        </thead>
        <tbody>
          {claim.history.edges.map(({ node }, index) => (
            <tr key={index}>
              <td>
                <DateTimeText value={node.at} />
              </td>
              <td>{node.actor}</td>
              <td>
                {node.operation.toLowerCase()} {node.table}
              </td>
              <td class="small">{node.operation === 'UPDATE' ? node.changedFields.join(', ') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default function ClaimPage({ slug }: { slug: string }) {
  const key = keyFrom.claim(slug);
  const query = useQuery({ query: ClaimQuery, variables: { key } });
  return (
    <RecordPage query={query} kind="claim" recordKey={key} found={(data) => data.claim} title={(c) => c.statement}>
      {(claim) => (
        <>
          <Summary claim={claim} />
          <Evidence claim={claim} />
          <section aria-labelledby="chain">
            <h2 id="chain">Where it comes from</h2>
            {claim.provenance.__typename === 'ClaimProvenance' ? (
              <Chain claim={claim} provenance={claim.provenance} />
            ) : (
              <UnionError error={claim.provenance} />
            )}
          </section>
          <Corroboration claim={claim} />
          <UnRecords claim={claim} />
          <Tensions claim={claim} />
          <History claim={claim} />
        </>
      )}
    </RecordPage>
  );
}
