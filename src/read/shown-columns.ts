// A record's key and display text (an entity's name, a source's title, a claim's statement, an
// attribution's quotation) are in its type-level selection, although every model type is otherwise
// in select mode and reads only the columns a query's fields need: nearly every query shows them,
// they are in the row PostgreSQL reads anyway, and a column there resolves without the loader lookup
// select mode runs for every field it selects (README: src/read/). Statements that page through
// records read them too (src/db/child-pages.ts), so a page that shows only these needs no other.
// Prisma and SQL name these columns alike. A UN record's are what a search hit carries of it; its
// type selects only its id (provenance completes UN records it knows by id alone).
export const SHOWN_COLUMNS = {
  Entity: { id: true, key: true, name: true },
  Source: { id: true, key: true, title: true },
  Claim: { id: true, key: true, statement: true },
  Attribution: { id: true, quotation: true },
  UnscDraft: { id: true, key: true, symbol: true, title: true },
} as const;

/** The shown columns of each model, by name. */
export const SHOWN_COLUMN_NAMES: { readonly [M in keyof typeof SHOWN_COLUMNS]: readonly string[] } = {
  Entity: Object.keys(SHOWN_COLUMNS.Entity),
  Source: Object.keys(SHOWN_COLUMNS.Source),
  Claim: Object.keys(SHOWN_COLUMNS.Claim),
  Attribution: Object.keys(SHOWN_COLUMNS.Attribution),
  UnscDraft: Object.keys(SHOWN_COLUMNS.UnscDraft),
};

/** Whether a Prisma `select` asks only `model`'s shown columns (absent: it asks the whole record). */
export const asksOnlyShown = (model: keyof typeof SHOWN_COLUMNS, select: object | undefined): boolean => {
  const shown: Record<string, unknown> = SHOWN_COLUMNS[model];
  return !!select && Object.entries(select).every(([field, wanted]) => wanted === true && shown[field]);
};

/** The tables of the models with shown columns. */
export const SHOWN_TABLES = {
  Entity: 'entity',
  Source: 'source',
  Claim: 'claim',
  Attribution: 'attribution',
  UnscDraft: 'unsc_draft',
} as const;
export type ShownModel = keyof typeof SHOWN_COLUMNS;

/**
 * The to-one relations of a model whose targets' shown columns a page of it can read in the same
 * statement: the column holding the target's id, and the target's model.
 */
export const SHOWN_RELATIONS: Record<ShownModel, Record<string, readonly [column: string, model: ShownModel]>> = {
  Entity: {},
  Source: { publisher: ['publisher_id', 'Entity'], author: ['author_id', 'Entity'] },
  Claim: { subject: ['subject_id', 'Entity'], place: ['place_id', 'Entity'] },
  Attribution: {
    claim: ['claim_id', 'Claim'],
    agent: ['agent_id', 'Entity'],
    onBehalfOf: ['on_behalf_of_id', 'Entity'],
    source: ['source_id', 'Source'],
  },
  UnscDraft: {},
};
