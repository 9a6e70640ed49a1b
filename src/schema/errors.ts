import { ForbiddenError } from '@pothos/plugin-scope-auth';
import { InputValidationError, type StandardSchemaV1 } from '@pothos/plugin-validation';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../curation/errors';
import { builder } from './builder';

export { NotFoundError };

// Expected failures are typed results (Pothos errors plugin): clients match on __typename or the
// shared `Error` interface instead of parsing messages.

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'What was looked for: entity, claim, source, ...' }),
    key: t.exposeString('key'),
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

/** The errors every analysis field can return. */
export const analysisErrors = { types: [InputValidationError, NotFoundError] };

/** The errors every mutation can return. */
export const mutationErrors = { types: [ForbiddenError, InputValidationError, NotFoundError, ConflictError] };

/** Field-level check for `since`/`until` arguments; loose, so the field's other arguments pass through. */
export const timeWindow = z
  .looseObject({ since: z.date().nullish(), until: z.date().nullish() })
  .refine((a) => !a.since || !a.until || a.since <= a.until, {
    message: 'since must not be after until',
    path: ['since'],
  });
