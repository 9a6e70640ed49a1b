import type nlp from 'compromise';
import type { WinkMethods } from 'wink-nlp';

/** wink-nlp with its English model, and compromise: both run offline, their models inside their npm packages. */
export type Nlp = { wink: WinkMethods; compromise: typeof nlp };

let loading: Promise<Nlp> | undefined;

/** Loaded on the first proposal rather than at import: they take about a second to load, which starting the service need not pay. */
export function loadNlp(): Promise<Nlp> {
  loading ??= Promise.all([import('wink-nlp'), import('wink-eng-lite-web-model'), import('compromise')]).then(
    ([wink, model, compromise]) => ({ wink: wink.default(model.default), compromise: compromise.default }),
  );
  return loading;
}
