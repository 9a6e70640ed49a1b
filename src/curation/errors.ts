/** A key or ID that names nothing in the knowledge base. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly kind: string,
    readonly key: string,
  ) {
    super(`no ${kind} ${key}`);
  }
}

/** A write that would overwrite what someone else changed (a stale version), or create a record that exists. */
export class ConflictError extends Error {
  override name = 'ConflictError';
}
