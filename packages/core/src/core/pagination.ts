import { WazzupApiError } from '../errors/classes';
import type { WazzupPromise, WithResponse } from './promise';

/** Where a list starts: `offset` resumes one (a page's own `offset`, or any). */
export interface ListParams {
  offset?: number | undefined;
}

/** One page of a list. */
export interface Page<Item> {
  /** The page's items. */
  data: Item[];
  /** How many items the whole list holds, where the service says. */
  count: number | undefined;
  /** Where the page starts in the list. */
  offset: number;
  /** Whether another page may follow. */
  hasNext: boolean;
  /** The next page, or `null` after the last. */
  next(): Promise<Page<Item> | null>;
}

/** What a route's page read gives: its items, and the list's size where the service says. */
export interface PageData<Item> {
  items: Item[];
  count?: number | undefined;
  /** The route has no paging: this is the whole list. */
  whole?: boolean | undefined;
}

/** Reads the page at `offset`. */
export type PageLoader<Item> = (offset: number) => Promise<WithResponse<PageData<Item>>>;

/** Most pages a list walks: a million items at the service's 100 a page. */
export const MAX_PAGES = 10_000;

/** Each list's first page with its HTTP answer, beside the class (see `withResponse`). */
const answers = /* @__PURE__ */ new WeakMap<object, Promise<WithResponse<unknown>>>();

const ignore = () => {};

/**
 * What a list returns: awaited, its first page (`{ data, count, offset, next() }`); iterated
 * with `for await`, every item of every page, page by page. `withResponse()` gives the first page
 * with its HTTP answer.
 */
export class PagePromise<Item>
  extends Promise<Page<Item>>
  implements WazzupPromise<Page<Item>>, AsyncIterable<Item>
{
  /** What `then`, `catch` and `finally` return: plain promises, with no list of their own. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  constructor(answer: Promise<WithResponse<Page<Item>>>) {
    let settle!: (page: Page<Item>) => void;
    let fail!: (reason: unknown) => void;
    super((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    answer.then((read) => settle(read.data), fail);
    // Kept in a WeakMap rather than a private field: a class with private members is typed by
    // where it is declared, and the package's entry points each declare their own copy of it.
    answers.set(this, answer);
  }

  /** The first page, and the HTTP answer it came in. */
  withResponse(): Promise<WithResponse<Page<Item>>> {
    // Whoever asks for the answer handles its failure there, not on the page as well.
    this.then(undefined, ignore);
    return answers.get(this) as Promise<WithResponse<Page<Item>>>;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    let page: Page<Item> | null = await this;
    while (page) {
      yield* page.data;
      page = await page.next();
    }
  }
}

const idsOf = (items: readonly unknown[]) =>
  JSON.stringify(
    items.map((item) => {
      const { id, templateGuid } = item as { id?: unknown; templateGuid?: unknown };
      return id ?? templateGuid;
    }),
  );

function endless(why: string): WazzupApiError {
  return new WazzupApiError({
    status: 200,
    code: 'INVALID_RESPONSE',
    description: `The list ${why}`,
  });
}

/**
 * The list from `offset` on, in pages of `size`: a page shorter than `size`, or one that reaches
 * `count`, is the last. A page that repeats the one before it (a server that ignores `offset`)
 * fails with `INVALID_RESPONSE`, as does a list past {@link MAX_PAGES} pages: a list always ends.
 */
export function pages<Item>(load: PageLoader<Item>, size: number, offset = 0): PagePromise<Item> {
  const at = (from: number, previous: string | undefined, number: number) =>
    load(from).then(({ data, response }): WithResponse<Page<Item>> => {
      const { items, count, whole } = data;
      const ids = idsOf(items);
      if (items.length > 0 && ids === previous) {
        throw endless(`answered offset ${from} with the page before it again: it ignores offset`);
      }
      const hasNext =
        !whole && items.length >= size && (count === undefined || from + items.length < count);
      const page: Page<Item> = {
        data: items,
        count: whole ? items.length : count,
        offset: from,
        hasNext,
        async next() {
          if (!hasNext) return null;
          if (number + 1 >= MAX_PAGES) throw endless(`went on past ${MAX_PAGES} pages`);
          return (await at(from + items.length, ids, number + 1)).data;
        },
      };
      return { data: page, response };
    });
  return new PagePromise(at(offset, undefined, 0));
}
