import { agendaKey, type Bundle, type BundleAgenda } from './format';

// Versions 1 and 2 of the bundle format wrote a draft's agenda as free text. Since version 3 agendas
// are records (key, name, aliases), and a draft names its agenda by key, name or alias. How a draft's
// agenda text becomes an agenda record is decided here and nowhere else; it needs the stored agendas,
// so it runs at import, not in the format's upgrades.

/** An agenda the database already holds. */
export type StoredAgenda = { id: number; key: string; name: string; aliases: string[] };

/** Names and aliases are compared without regard to case or surrounding spaces, here and in agendaIdOf. */
export const agendaNameKey = (name: string) => name.trim().toLowerCase();

/**
 * A key for a new agenda named `name`: the name's slug, made unique among `taken`. The migration
 * that made agendas records (20261204000000_unsc_agendas) keyed the stored free-text agendas alike.
 */
function agendaKeyFor(name: string, taken: ReadonlySet<string>): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  const base = `agenda:${slug || 'agenda'}`;
  if (slug && !taken.has(base)) return base;
  for (let n = slug ? 2 : 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * The bundle with every draft's agenda given as a key. A name or an alias is the agenda the bundle,
 * or else the database, has by that name; a name that neither has becomes a new agenda of that
 * name, added to `unsc.agendas`. A key stays as it is, for validation to check.
 */
export function withAgendaKeys(bundle: Bundle, stored: readonly StoredAgenda[]): Bundle {
  const named = new Map<string, string>();
  for (const agenda of [...bundle.unsc.agendas, ...stored])
    for (const name of [agenda.name, ...agenda.aliases])
      if (!named.has(agendaNameKey(name))) named.set(agendaNameKey(name), agenda.key);
  const taken = new Set([...stored, ...bundle.unsc.agendas].map((a) => a.key));
  const added: BundleAgenda[] = [];
  const drafts = bundle.unsc.drafts.map((draft) => {
    if (agendaKey.safeParse(draft.agenda).success) return draft;
    let key = named.get(agendaNameKey(draft.agenda));
    if (key === undefined) {
      key = agendaKeyFor(draft.agenda, taken);
      taken.add(key);
      named.set(agendaNameKey(draft.agenda), key);
      added.push({ key, name: draft.agenda, aliases: [] });
    }
    return { ...draft, agenda: key };
  });
  return { ...bundle, unsc: { ...bundle.unsc, agendas: [...bundle.unsc.agendas, ...added], drafts } };
}
