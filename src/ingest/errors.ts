/** Why a report's text is refused before anything is proposed or written. */
export type TextProblem = 'EMPTY' | 'BINARY' | 'TOO_LARGE';

export class TextRejectedError extends Error {
  override name = 'TextRejectedError';
  constructor(
    readonly reason: TextProblem,
    message: string,
  ) {
    super(message);
  }
}

export type DraftProblem = { proposal: string | null; path: string; message: string };

/** The accepted proposals of a draft do not make a valid bundle; nothing was written and the draft is as it was. */
export class DraftValidationError extends Error {
  override name = 'DraftValidationError';
  constructor(readonly problems: DraftProblem[]) {
    super(
      `draft not committed, nothing written (${problems.length} problem${problems.length === 1 ? '' : 's'}): ` +
        problems
          .slice(0, 5)
          .map((p) => `${p.proposal ? `${p.proposal}: ` : ''}${p.path}: ${p.message}`)
          .join('; '),
    );
  }
}
