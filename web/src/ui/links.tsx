import { Fragment } from 'preact';
import { paths } from '../routes';

export const EntityLink = ({ entity }: { entity: { key: string; name: string } }) => (
  <a href={paths.entity(entity.key)}>{entity.name}</a>
);

export const SourceLink = ({ source }: { source: { key: string; title: string } }) => (
  <a href={paths.source(source.key)}>{source.title}</a>
);

export const ClaimLink = ({ claim }: { claim: { key: string; statement: string } }) => (
  <a href={paths.claim(claim.key)}>{claim.statement}</a>
);

type DraftName = { key: string; symbol: string | null; resolutionNumber?: number | null; title?: string };

/** A draft by its document symbol, or for an adopted one without a symbol, its resolution number. */
export const draftName = (draft: DraftName) =>
  draft.symbol ?? (draft.resolutionNumber ? `Resolution ${draft.resolutionNumber}` : (draft.title ?? draft.key));

export const DraftLink = ({ draft }: { draft: DraftName }) => <a href={paths.draft(draft.key)}>{draftName(draft)}</a>;

/** A comma-separated list of linked entities. */
export const EntityList = ({ entities }: { entities: readonly { key: string; name: string }[] }) => (
  <>
    {entities.map((entity, index) => (
      <Fragment key={entity.key}>
        {index > 0 && ', '}
        <EntityLink entity={entity} />
      </Fragment>
    ))}
  </>
);
