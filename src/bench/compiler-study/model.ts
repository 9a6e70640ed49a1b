// The relations the prototype compiles, as the database has them: for each GraphQL type its table,
// the columns its scalar fields read, and the relations its object fields follow.

export type TypeName = 'Entity' | 'Claim' | 'Attribution' | 'Source';

type Relation =
  /** A to-one relation: `column` on this type's table holds the id of a `type` row. */
  | { one: TypeName; column: string }
  /** A connection of the `type` rows whose `column` holds this row's id, in id order. */
  | { many: TypeName; column: string };

export type Model = { table: string; scalars: Record<string, string>; relations: Record<string, Relation> };

export const MODEL: Record<TypeName, Model> = {
  Entity: {
    table: 'entity',
    scalars: { key: 'key', name: 'name', kind: 'kind' },
    relations: { claimsAbout: { many: 'Claim', column: 'subject_id' } },
  },
  Claim: {
    table: 'claim',
    scalars: { key: 'key', statement: 'statement', predicate: 'predicate' },
    relations: {
      subject: { one: 'Entity', column: 'subject_id' },
      attributions: { many: 'Attribution', column: 'claim_id' },
    },
  },
  Attribution: {
    table: 'attribution',
    scalars: { quotation: 'quotation' },
    relations: { source: { one: 'Source', column: 'source_id' }, agent: { one: 'Entity', column: 'agent_id' } },
  },
  Source: {
    table: 'source',
    scalars: { key: 'key', title: 'title' },
    relations: { publisher: { one: 'Entity', column: 'publisher_id' } },
  },
};

/** Root connections: the type listed, and the rows it lists. */
export const ROOTS: Record<string, { type: TypeName; where: string }> = {
  entities: { type: 'Entity', where: 'merged_into_id IS NULL' },
};
