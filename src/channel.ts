// A two-method transport (React DevTools' Wall, Apollo's MessageAdapter). The port-backed channel
// lives in extension/; tests connect the two ends with memoryPair().
export interface Channel<In, Out> {
  listen(fn: (msg: In) => void): () => void;
  post(msg: Out): void;
}

/** Two connected in-memory ends. Delivery is async, like a real port. */
export function memoryPair<A, B>(): [Channel<A, B>, Channel<B, A>] {
  const toA = new Set<(m: A) => void>();
  const toB = new Set<(m: B) => void>();
  const end = <In, Out>(inbox: Set<(m: In) => void>, outbox: Set<(m: Out) => void>): Channel<In, Out> => ({
    listen(fn) {
      inbox.add(fn);
      return () => inbox.delete(fn);
    },
    post(msg) {
      const copy = structuredClone(msg);
      queueMicrotask(() => outbox.forEach((fn) => fn(copy)));
    },
  });
  return [end<A, B>(toA, toB), end<B, A>(toB, toA)];
}
