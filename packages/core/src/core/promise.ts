import type { WazzupResponse } from '../errors/answer';

export type { WazzupResponse };

/** A call's data with its HTTP answer. */
export interface WithResponse<T> {
  data: T;
  response: WazzupResponse;
}

/**
 * Each promise's answer, and its data once asked for. Kept beside the class rather than in
 * private fields: a class with private members is typed by where it is declared, and the
 * package's entry points each declare their own copy of it.
 */
const answers = /* @__PURE__ */ new WeakMap<object, Promise<WithResponse<unknown>>>();
const values = /* @__PURE__ */ new WeakMap<object, Promise<unknown>>();

/**
 * The promise every call returns: it resolves the call's data, and `withResponse()` gives the
 * data with the HTTP answer it came in. Nothing runs twice: both read the same request.
 */
export class WazzupPromise<T> extends Promise<T> {
  constructor(answer: Promise<WithResponse<T>>) {
    // The base promise is never what is awaited: `then` reads the answer, so only what is
    // consumed can reject (a `withResponse()` caller leaves no unhandled rejection behind).
    super((resolve) => resolve(undefined as T));
    answers.set(this, answer);
  }

  /** The data, and the HTTP answer it came in. */
  withResponse(): Promise<WithResponse<T>> {
    return answers.get(this) as Promise<WithResponse<T>>;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise's own then, read from the answer.
  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return dataOf(this).then(onfulfilled, onrejected);
  }

  override catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<T | B> {
    return dataOf(this).catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return dataOf(this).finally(onfinally);
  }
}

/** A promise's data, read from its answer once. */
function dataOf<T>(promise: WazzupPromise<T>): Promise<T> {
  let value = values.get(promise) as Promise<T> | undefined;
  if (!value) {
    value = promise.withResponse().then((answer) => answer.data);
    values.set(promise, value);
  }
  return value;
}
