import { createContextCache } from '@pothos/core';
import { agendaIdOf } from '../analysis/unsc';
import { idOf } from '../curation/records';
import type { Context } from '../server/context';

// Records named by the arguments of a read, looked up before it: an unknown one is a typed NotFoundError.

/** The id of the entity with `key`, or a typed NotFoundError. */
export const entityId = (ctx: Context, key: string): Promise<number> => idOf(ctx.sql, 'entity', key);

export async function optionalEntityId(ctx: Context, key: string | null | undefined): Promise<number | undefined> {
  return key == null ? undefined : entityId(ctx, key);
}

// Looked up once per request and agenda, however many fields and parents filter by it.
const agendaLookups = createContextCache(() => new Map<string, Promise<number>>());

/** The id of the agenda `ref` names (key, name or alias), or a typed NotFoundError. */
export function agendaId(ctx: Context, ref: string): Promise<number> {
  const lookups = agendaLookups(ctx);
  if (!lookups.has(ref)) lookups.set(ref, agendaIdOf(ctx.sql, ref));
  return lookups.get(ref)!;
}

export async function optionalAgendaId(ctx: Context, ref: string | null | undefined): Promise<number | undefined> {
  return ref == null ? undefined : agendaId(ctx, ref);
}
