import { useQuery } from '@urql/preact';
import { useApiKey } from '../../api-key';
import { paths } from '../../routes';
import { DateTimeText } from '../../ui/format';
import { EntityLink } from '../../ui/links';
import { PageTitle } from '../../ui/page-title';
import { QueryView } from '../../ui/query-state';
import { KeyPanel } from '../curation/form-parts';
import { OpenDraftsQuery } from './operations';

/** The drafts awaiting review (`npm run kb -- propose` or the proposeFromText mutation makes them). */
export default function DraftsPage() {
  const { key } = useApiKey();
  const query = useQuery({ query: OpenDraftsQuery, pause: !key });
  return (
    <>
      <PageTitle>Drafts to review</PageTitle>
      <KeyPanel />
      {key ? (
        <QueryView query={query} what="the drafts">
          {({ drafts }) =>
            drafts.edges.length === 0 ? (
              <p>No draft awaits review.</p>
            ) : (
              <ul class="records">
                {drafts.edges.map(({ node }) => (
                  <li key={node.id}>
                    <a href={paths.review(node.id)}>{node.title}</a>
                    <div class="muted">
                      <EntityLink entity={node.publisher} />, proposed by {node.createdBy} on{' '}
                      <DateTimeText value={node.createdAt} />
                    </div>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
      ) : (
        <p role="note">Drafts are for analysts: type an analyst's API key above to see them.</p>
      )}
    </>
  );
}
