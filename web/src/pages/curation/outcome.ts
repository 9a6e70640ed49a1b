import type { CombinedError } from '@urql/preact';
import { describeError } from '../../ui/query-state';

/** What a form shows after a write: errors beside the fields they concern, the rest beside the form. */
export type Outcome = { fields: Partial<Record<string, string>>; form?: string; saved?: string };

type Answer = {
  __typename: string;
  message?: string;
  issues?: readonly { path: readonly string[]; message: string }[];
  key?: string;
};

/**
 * Places a mutation's answer: an InputValidationError's issues beside the field their path names
 * (`['input', 'quotation']` -> quotation), a NotFoundError beside the field holding the missing key,
 * any other typed error (forbidden, conflict) or a failed request beside the form.
 */
export function outcomeOf(
  answer: Answer | undefined,
  error: CombinedError | undefined,
  values: Record<string, string>,
  saved: string,
): Outcome {
  if (error) return { fields: {}, form: describeError(error) };
  if (!answer) return { fields: {} };
  if (answer.issues) {
    const fields: Outcome['fields'] = {};
    const elsewhere: string[] = [];
    for (const issue of answer.issues) {
      const field = issue.path.toReversed().find((part) => !/^\d+$/.test(part) && part !== 'input');
      if (field && field in values) fields[field] = issue.message;
      else elsewhere.push(issue.message);
    }
    return { fields, form: elsewhere.length ? elsewhere.join('; ') : undefined };
  }
  if (answer.message) {
    const field = answer.key ? Object.keys(values).find((name) => values[name] === answer.key) : undefined;
    return field ? { fields: { [field]: answer.message } } : { fields: {}, form: answer.message };
  }
  return { fields: {}, saved };
}
