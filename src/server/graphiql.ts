import type { GraphiQLOptions } from 'graphql-yoga';

// yoga's default page loads GraphiQL from a CDN, so it is blank on a closed network; this package
// inlines GraphiQL's scripts, styles, fonts and editor workers instead. It is a large module and a
// large page, so it is loaded on the first GraphiQL request and each page is rendered once.
const pages = new Map<string, Promise<string>>();

/** GraphiQL with every asset inlined from the installed package: nothing loads from the internet. */
export function renderOfflineGraphiQL(options: GraphiQLOptions): Promise<string> {
  const id = JSON.stringify(options);
  let page = pages.get(id);
  if (!page) {
    page = import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => renderGraphiQL(options));
    pages.set(id, page);
  }
  return page;
}
