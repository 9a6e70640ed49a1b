/** A problem the operator can fix (bad configuration, port in use, database unreachable): printed as one line, exit 1. */
export class StartupError extends Error {
  override name = 'StartupError';
}
