import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

/** The page's heading (focus lands on it after a navigation) and the browser tab's title. */
export function PageTitle({ children, title }: { children: ComponentChildren; title?: string }) {
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} · Provenance knowledge base` : 'Provenance knowledge base';
  }, [text]);
  return <h1 tabIndex={-1}>{children}</h1>;
}
