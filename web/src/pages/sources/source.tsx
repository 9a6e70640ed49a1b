import { useQuery } from '@urql/preact';
import type { ResultOf } from '../../graphql';
import { keyFrom } from '../../routes';
import { DateTimeText } from '../../ui/format';
import { codeLabel, derivationLabel, reliabilityLabel, stanceLabel, wordingLabel } from '../../ui/labels';
import { ClaimLink, EntityLink, SourceLink } from '../../ui/links';
import { MarkedText } from '../../ui/marked';
import { RecordPage } from '../../ui/record-page';
import { SourceQuery } from './operations';

type Source = NonNullable<ResultOf<typeof SourceQuery>['source']>;

function Details({ source }: { source: Source }) {
  return (
    <section aria-labelledby="source-details">
      <h2 id="source-details">{codeLabel(source.kind)}</h2>
      <dl class="facts">
        {source.publisher && (
          <>
            <dt>Publisher</dt>
            <dd>
              <EntityLink entity={source.publisher} />
            </dd>
          </>
        )}
        {source.author && (
          <>
            <dt>Author or speaker</dt>
            <dd>
              <EntityLink entity={source.author} />
            </dd>
          </>
        )}
        {source.publishedAt && (
          <>
            <dt>Published</dt>
            <dd>
              <DateTimeText value={source.publishedAt} />
            </dd>
          </>
        )}
        {source.url && (
          <>
            <dt>Address</dt>
            <dd>
              {/* Shown, not linked: the dashboard opens nothing on the internet by itself. */}
              <code>{source.url}</code>
            </dd>
          </>
        )}
        <dt>Reliability</dt>
        <dd>
          {source.reliability
            ? `${reliabilityLabel[source.reliability.grade]} (graded by ${source.reliability.gradedBy})`
            : 'not graded'}
        </dd>
        <dt>Derives from</dt>
        <dd>
          {source.derivedFrom.length === 0
            ? 'no other source'
            : source.derivedFrom.map((d) => (
                <div key={d.origin.key}>
                  {derivationLabel[d.kind]} <SourceLink source={d.origin} />
                  {d.note && <span class="muted"> ({d.note})</span>}
                </div>
              ))}
        </dd>
        <dt>Drawn on by</dt>
        <dd>
          {source.derivations.length === 0
            ? 'no other source'
            : source.derivations.map((d) => (
                <div key={d.derived.key}>
                  <SourceLink source={d.derived} /> {derivationLabel[d.kind]} it
                </div>
              ))}
        </dd>
        <dt>Key</dt>
        <dd>
          <code>{source.key}</code>
        </dd>
      </dl>
    </section>
  );
}

export default function SourcePage({ slug }: { slug: string }) {
  const key = keyFrom.source(slug);
  const query = useQuery({ query: SourceQuery, variables: { key } });
  return (
    <RecordPage query={query} kind="source" recordKey={key} found={(data) => data.source} title={(s) => s.title}>
      {(source) => {
        const attributions = source.attributions.edges.map((edge) => edge.node);
        return (
          <>
            <Details source={source} />
            <section aria-labelledby="statements">
              <h2 id="statements">Statements it carries ({source.attributions.totalCount})</h2>
              <ol class="records">
                {attributions.map((a, index) => (
                  <li key={a.id} id={`attribution-${index + 1}`}>
                    <span class={`badge ${a.stance.toLowerCase()}`}>{stanceLabel[a.stance]}</span>{' '}
                    <ClaimLink claim={a.claim} />
                    <div class="muted">
                      <EntityLink entity={a.agent} />
                      {a.quotation ? (
                        <>
                          , {wordingLabel[a.wording].toLowerCase()}: <q>{a.quotation}</q>
                        </>
                      ) : (
                        ' (known from a later source that repeats it)'
                      )}
                    </div>
                  </li>
                ))}
              </ol>
            </section>
            <section aria-labelledby="text">
              <h2 id="text">Text</h2>
              {source.text ? (
                <MarkedText
                  text={source.text}
                  anchor="attribution"
                  marks={attributions.flatMap((a, index) =>
                    a.span ? [{ ...a.span, number: index + 1, title: a.claim.statement }] : [],
                  )}
                />
              ) : (
                <p class="muted">The text of this source is not held.</p>
              )}
            </section>
          </>
        );
      }}
    </RecordPage>
  );
}
