import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';

// The analyst types the key into the page; it lives in this tab's sessionStorage only (gone when the
// tab closes, never in localStorage or a cookie) and is sent as `Authorization: Bearer`.
const storageKey = 'provenance-kb.api-key';

export type ApiKeyState = { key: string; setKey: (key: string) => void };

export function useApiKeyState(): ApiKeyState {
  const [key, set] = useState(() => sessionStorage.getItem(storageKey) ?? '');
  const setKey = (next: string) => {
    const trimmed = next.trim();
    if (trimmed) sessionStorage.setItem(storageKey, trimmed);
    else sessionStorage.removeItem(storageKey);
    set(trimmed);
  };
  return { key, setKey };
}

export const ApiKeyContext = createContext<ApiKeyState>({ key: '', setKey: () => undefined });

export const useApiKey = () => useContext(ApiKeyContext);
