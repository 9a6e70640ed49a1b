import { alignment } from './alignment';
import type { Asked, Compiler, Json } from './compile';
import { claimProvenance } from './provenance';
import { search } from './search';

// The analysis fields the compiler answers (issue 21): each computes its answer in SQL inside the
// operation's one statement, as the resolvers compute it (src/provenance/, src/analysis/). Their
// results are unions with the errors the resolvers may answer; the compiled statement answers only
// the member that is not an error (result-union.ts), and leaves the errors to the resolvers (a
// parameter they refuse, a failed check). Their type and field names are written in their own files,
// beside the SQL that answers them; names.ts maps the record types.

/** SQL for a field of the row `row`, or for a root field. */
type FieldSql = (compiler: Compiler, asked: Asked, row: string) => Json;
type RootSql = (compiler: Compiler, asked: Asked) => Json;

export const ANALYSIS_FIELDS: Partial<Record<string, Record<string, FieldSql>>> = {
  Claim: { provenance: claimProvenance },
};

export const ANALYSIS_ROOTS: Partial<Record<string, RootSql>> = {
  search,
  unscAlignment: alignment,
};
