import { ForbiddenError } from '@pothos/plugin-scope-auth';
import { InputValidationError, type StandardSchemaV1 } from '@pothos/plugin-validation';
import { z } from 'zod';
import { ConflictError, NOT_FOUND_KINDS, NotFoundError, type NotFoundKind } from '../curation/errors';
import { type CycleNode, DerivationCycleError } from '../rules/derivation-cycles';
import { builder } from './builder';

export { NotFoundError };

// Expected failures are typed results (Pothos errors plugin): clients match on __typename or the
// shared `Error` interface instead of parsing messages.

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

const NotFoundKindEnum = builder.enumType('NotFoundKind', {
  description: 'What kind of record a key or ID was looked up as.',
  values: Object.fromEntries(
    NOT_FOUND_KINDS.map((kind) => [kind.toUpperCase().replaceAll(' ', '_'), { value: kind }]),
  ) as Record<string, { value: NotFoundKind }>,
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

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The API key (or its absence) does not allow this operation.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
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

/** The errors every analysis field can return. */
export const analysisErrors = { types: [InputValidationError, NotFoundError] };

/** The errors every mutation can return. */
export const mutationErrors = { types: [ForbiddenError, InputValidationError, NotFoundError, ConflictError] };

/** The errors of a mutation that records derivations. */
export const derivationErrors = { types: [DerivationCycleError, ...mutationErrors.types] };

/** Field-level check for `since`/`until` arguments; loose, so the field's other arguments pass through. */
export const timeWindow = z
  .looseObject({ since: z.date().nullish(), until: z.date().nullish() })
  .refine((a) => !a.since || !a.until || a.since <= a.until, {
    message: 'since must not be after until',
    path: ['since'],
  });
