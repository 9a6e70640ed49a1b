/** What a NotFoundError looked for (the API lists them as the NotFoundKind enum). */
export const NOT_FOUND_KINDS = [
  'entity',
  'source',
  'claim',
  'statement',
  'derivation',
  'statement derivation',
  'unsc draft',
  'agenda',
  'draft',
  'proposal',
  'API key',
] as const;
export type NotFoundKind = (typeof NOT_FOUND_KINDS)[number];
/** A kind as the API names it (the NotFoundKind enum value, e.g. API_KEY). */
export const notFoundKindName = (kind: NotFoundKind) => kind.toUpperCase().replaceAll(' ', '_');

/** A key or ID that names nothing in the knowledge base. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly kind: NotFoundKind,
    readonly key: string,
  ) {
    super(`no ${kind} ${key}`);
  }
}

/** A write that would overwrite what someone else changed (a stale version), or create a record that exists. */
export class ConflictError extends Error {
  override name = 'ConflictError';
}
