import { Provider } from '@urql/preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { ApiKeyContext, useApiKeyState } from './api-key';
import { createClient } from './client';
import Overview from './pages/overview/overview';
import { paths } from './routes';
import { PageTitle } from './ui/page-title';

// The overview, the first page, comes with the app, so its query leaves at once; every other page is
// loaded when first opened, and those that draw charts or graphs bring ECharts or Cytoscape.js with them.
const ClaimPage = lazy(() => import('./pages/claim/claim'));
const EntityPage = lazy(() => import('./pages/entity/entity'));
const SourcesPage = lazy(() => import('./pages/sources/sources'));
const SourcePage = lazy(() => import('./pages/sources/source'));
const CouncilPage = lazy(() => import('./pages/council/council'));
const DraftPage = lazy(() => import('./pages/council/draft'));
const SearchPage = lazy(() => import('./pages/search/search'));
const CurationPage = lazy(() => import('./pages/curation/curation'));
const DraftsPage = lazy(() => import('./pages/drafts/drafts'));
const DraftReviewPage = lazy(() => import('./pages/drafts/review'));

const sections = [
  { href: paths.overview, label: 'Overview', matches: (path: string) => path === '/' },
  { href: paths.sources, label: 'Sources', matches: (path: string) => path.startsWith('/sources') },
  { href: paths.council(), label: 'Security Council', matches: (path: string) => path.startsWith('/unsc') },
  { href: paths.search(), label: 'Search', matches: (path: string) => path.startsWith('/search') },
  { href: paths.curation(), label: 'Curation', matches: (path: string) => path.startsWith('/curation') },
  { href: paths.drafts, label: 'Drafts', matches: (path: string) => path.startsWith('/drafts') },
];

function Header() {
  const { path, query, route } = useLocation();
  const input = useRef<HTMLInputElement>(null);
  // "/" jumps to the search box from anywhere but a text field, as in most reading tools.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.closest('input, textarea, select, [contenteditable]')) return;
      event.preventDefault();
      input.current?.focus();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  return (
    <header class="top">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <a class="brand" href={paths.overview}>
        Provenance knowledge base
      </a>
      <nav aria-label="Sections">
        <ul>
          {sections.map((section) => (
            <li key={section.href}>
              <a href={section.href} aria-current={section.matches(path) ? 'page' : undefined}>
                {section.label}
              </a>
            </li>
          ))}
          <li>
            <a href="/graphql">GraphiQL</a>
          </li>
        </ul>
      </nav>
      <form
        role="search"
        class="quick-search"
        onSubmit={(event) => {
          event.preventDefault();
          const q = input.current?.value.trim();
          if (q) route(paths.search({ q }));
        }}
      >
        <label for="quick-search" class="visually-hidden">
          Search the knowledge base
        </label>
        <input
          id="quick-search"
          ref={input}
          type="search"
          name="q"
          placeholder="Search (press /)"
          defaultValue={path === '/search' ? query.q : ''}
          key={path === '/search' ? query.q : 'elsewhere'}
        />
      </form>
    </header>
  );
}

/** After a navigation, focus moves to the new page's heading, so keyboard and screen-reader users land on it. */
function focusHeading() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }));
}

function NotFound() {
  return (
    <>
      <PageTitle>No such page</PageTitle>
      <p>
        <a href={paths.overview}>Back to the overview</a>
      </p>
    </>
  );
}

export function App() {
  const apiKey = useApiKeyState();
  // A new key gets a new client, so that no answer cached for one key is shown under another.
  const client = useMemo(() => createClient(apiKey.key), [apiKey.key]);
  return (
    <ApiKeyContext.Provider value={apiKey}>
      <Provider value={client}>
        <LocationProvider>
          <Header />
          <main id="main">
            <ErrorBoundary onError={(error) => console.error(error)}>
              <Router onRouteChange={focusHeading} onLoadEnd={focusHeading}>
                <Route path="/" component={Overview} />
                <Route path="/claims/:slug" component={ClaimPage} />
                <Route path="/entities/:slug" component={EntityPage} />
                <Route path="/sources" component={SourcesPage} />
                <Route path="/sources/:slug" component={SourcePage} />
                <Route path="/unsc" component={CouncilPage} />
                <Route path="/unsc/drafts/:slug" component={DraftPage} />
                <Route path="/search" component={SearchPage} />
                <Route path="/curation/:slug?" component={CurationPage} />
                <Route path="/drafts" component={DraftsPage} />
                <Route path="/drafts/:id" component={DraftReviewPage} />
                <Route default component={NotFound} />
              </Router>
            </ErrorBoundary>
          </main>
        </LocationProvider>
      </Provider>
    </ApiKeyContext.Provider>
  );
}
