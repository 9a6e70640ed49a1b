// PostGraphile 5 calls Promise.withResolvers as it runs; Node 22 has it, Node 20 (this project's
// engines) does not. A few lines here rather than a polyfill library for one function.
export function polyfillPromiseWithResolvers() {
  if ('withResolvers' in Promise) return;
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
