// Every page has its own URL. Keys look like `claim:some-name` (the bundle format requires it), so a
// page's URL carries the part after the prefix: /claims/some-name.

const slugOf = (key: string) => encodeURIComponent(key.slice(key.indexOf(':') + 1));

const withQuery = (path: string, query: Record<string, string | undefined>) => {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

export const paths = {
  overview: '/',
  claim: (key: string) => `/claims/${slugOf(key)}`,
  entity: (key: string) => `/entities/${slugOf(key)}`,
  sources: '/sources',
  source: (key: string) => `/sources/${slugOf(key)}`,
  council: (query: { agenda?: string; a?: string; b?: string } = {}) => withQuery('/unsc', query),
  draft: (key: string) => `/unsc/drafts/${slugOf(key)}`,
  search: (query: { q?: string; types?: string } = {}) => withQuery('/search', query),
  curation: (claimKey?: string) => (claimKey ? `/curation/${slugOf(claimKey)}` : '/curation'),
  drafts: '/drafts',
  review: (draftId: string) => `/drafts/${encodeURIComponent(draftId)}`,
};

/** The record key a page's URL names. */
export const keyFrom = {
  claim: (slug: string) => `claim:${slug}`,
  entity: (slug: string) => `entity:${slug}`,
  source: (slug: string) => `source:${slug}`,
  draft: (slug: string) => `unsc:${slug}`,
};
