// A record's key and display text (an entity's name, a source's title, a claim's statement, an
// attribution's quotation) are in its type-level selection, although every model type is otherwise
// in select mode and reads only the columns a query's fields need: nearly every query shows them,
// they are in the row PostgreSQL reads anyway, and a column there resolves without the loader lookup
// select mode runs for every field it selects, a sixth of a nested list's CPU. Statements that page
// through records read them too (child-pages.ts), so a page that shows only these needs no other.
// Prisma and SQL name these columns alike.
export const SHOWN_COLUMNS = {
  Entity: { id: true, key: true, name: true },
  Source: { id: true, key: true, title: true },
  Claim: { id: true, key: true, statement: true },
  Attribution: { id: true, quotation: true },
} as const;
