import { type Answer, type Asked, type Compiler, collect, type Json, subset } from './compile';

/** The errors an analysis result union holds beside its answer (src/schema/errors.ts: analysisErrors), and their interface. */
const ANALYSIS_ERRORS = ['InputValidationError', 'NotFoundError', 'Error'];

/**
 * The answer of a field whose type is the result union `union` when it is `member`: its fields, each
 * answered by `value`; fragments on the errors do not apply.
 */
export function resultObject(
  compiler: Compiler,
  asked: Asked,
  union: string,
  member: string,
  value: (asked: Asked) => Answer,
): Json {
  const fields = collect(subset(asked), member, compiler.fragments, [union], ANALYSIS_ERRORS);
  return compiler.object(fields, (a) => (a.field.name.value === '__typename' ? `'${member}'` : value(a)));
}
