import { ForbiddenError } from '@pothos/plugin-scope-auth';
import { InputValidationError, type StandardSchemaV1 } from '@pothos/plugin-validation';
import { z } from 'zod';
import { ConflictError, NOT_FOUND_KINDS, NotFoundError, type NotFoundKind, notFoundKindName } from '../curation/errors';
import { type CycleNode, DerivationCycleError } from '../rules/derivation-cycles';
import { builder } from './builder';
import { ApiRoleEnum } from './enums';

export { NotFoundError };

// Expected failures are typed results (Pothos errors plugin): clients match on __typename or the
// shared `Error` interface instead of parsing messages.

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

const NotFoundKindEnum = builder.enumType('NotFoundKind', {
  description: 'What kind of record a key or ID was looked up as.',
  values: Object.fromEntries(NOT_FOUND_KINDS.map((kind) => [notFoundKindName(kind), { value: kind }])) as Record<
    string,
    { value: NotFoundKind }
  >,
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'A key or ID that names no record.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    kind: t.expose('kind', { type: NotFoundKindEnum }),
    key: t.exposeString('key', { description: 'The key or ID as given.' }),
  }),
});

const InputValidationIssue = builder.objectRef<StandardSchemaV1.Issue>('InputValidationIssue').implement({
  fields: (t) => ({
    message: t.exposeString('message'),
    path: t.stringList({
      description: 'The argument (and the path inside it) that is wrong.',
      resolve: (issue) => issue.path?.map((part) => String(typeof part === 'object' ? part.key : part)) ?? [],
    }),
  }),
});

builder.objectType(InputValidationError, {
  name: 'InputValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [InputValidationIssue], resolve: (error) => error.issues }) }),
});

builder.objectType(ConflictError, { name: 'ConflictError', interfaces: [ErrorInterface], fields: () => ({}) });

type AuthFailure = { kind: string; scope?: string; failures?: AuthFailure[] };
const ROLES = { reader: 'READER', analyst: 'ANALYST', admin: 'ADMIN' } as const;
/** The role the refused scope check asked for (scope-auth reports the scopes that failed). */
const requiredRole = (failure: AuthFailure): (typeof ROLES)[keyof typeof ROLES] | null => {
  if (failure.scope && failure.scope in ROLES) return ROLES[failure.scope as keyof typeof ROLES];
  for (const inner of failure.failures ?? []) {
    const role = requiredRole(inner);
    if (role) return role;
  }
  return null;
};

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The API key (or its absence) does not allow this operation.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    requiredRole: t.field({
      type: ApiRoleEnum,
      nullable: true,
      description: 'The least role that may do it (a key of that role or above is needed).',
      resolve: (error) => requiredRole(error.result as AuthFailure),
    }),
  }),
});

const DerivationLevel = builder.enumType('DerivationLevel', {
  description: 'SOURCE: documents derived from documents; STATEMENT: statements repeating statements.',
  values: ['SOURCE', 'STATEMENT'] as const,
});

const CycleNodeRef = builder.objectRef<CycleNode>('DerivationCycleNode').implement({
  description: 'A source, or a statement: its agent in its source, at its span.',
  fields: (t) => ({
    source: t.exposeString('source'),
    agent: t.exposeString('agent', { nullable: true }),
    spanStart: t.int({ nullable: true, resolve: (n) => n.span?.[0] }),
    spanEnd: t.int({ nullable: true, resolve: (n) => n.span?.[1] }),
  }),
});

builder.objectType(DerivationCycleError, {
  name: 'DerivationCycleError',
  description: 'A derivation that would close a cycle (A derived from B, B from A): nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    level: t.field({
      type: DerivationLevel,
      resolve: (error) => (error.level === 'source' ? 'SOURCE' : 'STATEMENT'),
    }),
    cycle: t.field({
      type: [CycleNodeRef],
      description: 'From a node back to itself, each derived from the next.',
      resolve: (error) => error.cycle,
    }),
  }),
});

// Each field lists only the errors it can give.

/** A read whose arguments name records: a bad argument, an unknown key. */
export const analysisErrors = { types: [InputValidationError, NotFoundError] };

/** A write that creates a record: refused, bad input, or its key taken. */
export const createErrors = { types: [ForbiddenError, InputValidationError, ConflictError] };

/** A write to records named by key or ID: refused, bad input, unknown record, or a stale version or clash. */
export const mutationErrors = { types: [ForbiddenError, InputValidationError, NotFoundError, ConflictError] };

/** A write that records derivations may also be refused for closing a cycle. */
export const withDerivationCycles = (errors: { types: (new (...args: never[]) => Error)[] }) => ({
  types: [DerivationCycleError, ...errors.types],
});

/** The options of every `agenda` argument. */
export const agendaArg = {
  required: false,
  description: "An agenda's key, name or alias (e.g. DPRK); an unknown one is a NotFoundError.",
} as const;

/** Field-level check for `since`/`until` arguments; loose, so the field's other arguments pass through. */
export const timeWindow = z
  .looseObject({ since: z.date().nullish(), until: z.date().nullish() })
  .refine((a) => !a.since || !a.until || a.since <= a.until, {
    message: 'since must not be after until',
    path: ['since'],
  });
