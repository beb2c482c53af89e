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
const dataOf = <T>(read: WithResponse<T>) => read.data;

/** Where a call's promise keeps the answer it was made from. */
const ANSWER = Symbol('answer');

type Answered<T> = WazzupPromise<T> & { [ANSWER]: Promise<WithResponse<T>> };

/** `withResponse` of every call's promise: one function, not one per call. */
function withResponse<T>(this: Answered<T>): Promise<WithResponse<T>> {
  // Whoever asks for the answer handles its failure there, not on the data as well.
  this.then(undefined, ignore);
  return this[ANSWER];
}

/**
 * A call's promise, from its answer: a native promise of the data (a subclass of Promise is
 * slower to make and to await in every engine) with `withResponse` set on it. The method is shared
 * rather than made per call: tens of thousands of calls may wait for the rate limit at once, and
 * each one's closures are heap it holds.
 */
export function wazzupPromise<T>(answer: Promise<WithResponse<T>>): WazzupPromise<T> {
  const data = answer.then(dataOf) as Answered<T>;
  data[ANSWER] = answer;
  data.withResponse = withResponse;
  return data;
}
