import { createHash } from 'node:crypto';

/** Distinct statement texts kept as prepared statements; past this, statements run unprepared. */
export const MAX_PREPARED = 500;

/**
 * Names for prepared statements, one per distinct SQL text, so that each connection parses and
 * plans a statement once rather than on every request. `undefined` past `MAX_PREPARED` texts: a
 * process that met unboundedly many texts must not grow every connection's cache without end.
 */
export function statementNames(): (text: string) => string | undefined {
  const names = new Map<string, string>();
  return (text) => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED) {
      name = `kb_${createHash('sha1').update(text).digest('hex')}`;
      names.set(text, name);
    }
    return name;
  };
}
