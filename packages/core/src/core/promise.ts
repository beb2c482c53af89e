import type { WazzupResponse } from '../errors/answer';

export type { WazzupResponse };

/** A call's data with its HTTP answer. */
export interface WithResponse<T> {
  data: T;
  response: WazzupResponse;
}

/**
 * What every call returns: a promise of the call's data, whose `withResponse()` gives the data
 * with the HTTP answer it came in. Nothing runs twice: both read the same request.
 */
export interface WazzupPromise<T> extends Promise<T> {
  /** The data, and the HTTP answer it came in. */
  withResponse(): Promise<WithResponse<T>>;
}

const ignore = () => {};

/**
 * A call's promise, from its answer: a native promise of the data (a subclass of Promise is
 * slower to make and to await in every engine) with `withResponse` set on it.
 */
export function wazzupPromise<T>(answer: Promise<WithResponse<T>>): WazzupPromise<T> {
  const data = answer.then((read) => read.data) as WazzupPromise<T>;
  data.withResponse = () => {
    // Whoever asks for the answer handles its failure there, not on the data as well.
    data.then(undefined, ignore);
    return answer;
  };
  return data;
}
