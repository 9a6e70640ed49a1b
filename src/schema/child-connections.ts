import { childConnection, entityStatements, everyRow } from '../read/child-connections';
import { builder } from './builder';
import { AttributionConnection, AttributionNode, ClaimConnection, ClaimNode } from './claim';
import { EntityNode } from './entity';
import { ModalityEnum, StanceEnum, WordingEnum } from './enums';
import { SourceConnection, SourceNode } from './source';

// The to-many relations a record pages through, each resolved by a child connection (src/read/).

builder.objectFields(EntityNode, (t) => ({
  claimsAbout: t.connection(
    {
      type: ClaimNode,
      description: 'Claims whose subject is this entity.',
      resolve: childConnection('Claim', 'subject_id', everyRow),
    },
    ClaimConnection,
  ),
  statements: t.connection(
    {
      type: AttributionNode,
      description:
        "Who said what: the attributions in which this entity stated a claim, with the claim's modality and the source.",
      args: {
        modality: t.arg({
          type: ModalityEnum,
          required: false,
          description: 'Only claims put this way (e.g. HEDGED).',
        }),
        stance: t.arg({ type: StanceEnum, required: false, description: 'Only statements that take this stance.' }),
        wording: t.arg({
          type: WordingEnum,
          required: false,
          description: "Only statements in the agent's own words (OWN_WORDS), or in the reporter's (REPORTED).",
        }),
        onItsBehalf: t.arg.boolean({
          defaultValue: false,
          description:
            'Also what was said for it: statements made expressly on its behalf, and those of the officials, agencies and spokespeople that act for it or are part of it at the time.',
        }),
      },
      resolve: entityStatements,
    },
    AttributionConnection,
  ),
  eventClaims: t.connection(
    {
      type: ClaimNode,
      description: 'Claims about this event.',
      resolve: childConnection('Claim', 'event_id', everyRow),
    },
    ClaimConnection,
  ),
  published: t.connection(
    {
      type: SourceNode,
      description: 'The sources this entity published, in the order they were recorded.',
      resolve: childConnection('Source', 'publisher_id', everyRow),
    },
    SourceConnection,
  ),
}));

builder.objectField(ClaimNode, 'attributions', (t) =>
  t.connection(
    {
      type: AttributionNode,
      description: 'The statements of this claim.',
      resolve: childConnection('Attribution', 'claim_id', everyRow),
    },
    AttributionConnection,
  ),
);
builder.objectField(SourceNode, 'attributions', (t) =>
  t.connection(
    {
      type: AttributionNode,
      description: 'The statements made in this source.',
      resolve: childConnection('Attribution', 'source_id', everyRow),
    },
    AttributionConnection,
  ),
);
