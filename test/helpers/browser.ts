import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

// Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing), driven by
// playwright-core, which never downloads a browser of its own.
const executablePath = process.env.KB_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type OfflinePage = {
  page: Page;
  context: BrowserContext;
  /** Requests the page tried to send beyond this machine (each was refused). */
  outside: string[];
  /** Uncaught errors in the page. */
  errors: string[];
};

/**
 * A page in a fresh context (no cache, cookies or storage) whose network ends at this machine: every
 * request to another host is refused and recorded, as on a closed network.
 */
export async function offlinePage(browser: Browser): Promise<OfflinePage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (loopback.has(url.hostname)) return route.continue();
    outside.push(url.href);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, outside, errors };
}

/**
 * Retries a Jest assertion on what is read from the page until it holds or `timeout` passes: pages
 * render as their answers arrive. (playwright-core has no assertions of its own.)
 */
export async function eventually<T>(read: () => Promise<T>, assert: (value: T) => void, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    try {
      assert(value);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
