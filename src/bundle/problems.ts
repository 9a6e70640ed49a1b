import type { z } from 'zod';

export type Problem = { path: string; message: string };

/** Input that breaks the bundle format or a rule of the knowledge base; nothing was written. */
export class BundleValidationError extends Error {
  override name = 'BundleValidationError';
  constructor(readonly problems: Problem[]) {
    const shown = problems.slice(0, 20).map((p) => `${p.path || '(bundle)'}: ${p.message}`);
    const more = problems.length > shown.length ? [`... and ${problems.length - shown.length} more`] : [];
    super(
      `bundle rejected, nothing written (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        [...shown, ...more].join('\n'),
    );
  }
}

/** ['claims', 12, 'attributions', 0] -> claims[12].attributions[0] */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

export function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
