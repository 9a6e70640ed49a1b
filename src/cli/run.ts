import { BundleValidationError } from '../bundle/problems';
import { ConflictError, NotFoundError } from '../curation/errors';
import { TextRejectedError } from '../ingest/errors';
import { StartupError } from '../startup-error';

/** Runs a command-line entry point: expected failures print their message and exit 1, never a stack trace. */
export function runCli(main: () => Promise<void>, name: string): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const expected =
        error instanceof StartupError ||
        error instanceof BundleValidationError ||
        error instanceof TextRejectedError ||
        error instanceof NotFoundError ||
        error instanceof ConflictError ||
        (error as NodeJS.ErrnoException)?.code === 'ENOENT';
      process.stderr.write(
        `${name}: ${expected ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`,
      );
      process.exit(1);
    },
  );
}
