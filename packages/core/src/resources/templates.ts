import * as v from 'valibot';
import type { CallOptions } from '../core/options';
import { type ListParams, type PagePromise, pages } from '../core/pagination';
import { request } from '../internal/request';
import { deferred } from '../schemas/deferred';
import {
  BATCH_LIMIT,
  checkOffset,
  countSchema,
  engineOf,
  guardedList,
  READ_MAX_BYTES,
  Resource,
  readWith,
} from './shared';

/** Moderation states of a WABA template; compare case-insensitively (pages and live differ). */
export type TemplateStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED'
  | 'PAUSED'
  | 'DISABLED'
  | (string & {});

/** A WABA template (unknown fields kept). */
export interface Template {
  templateGuid: string;
  title?: string;
  name?: string;
  category?: string;
  language?: string;
  status?: TemplateStatus;
  components?: { type: string; format?: string; text?: string; [field: string]: unknown }[];
  [field: string]: unknown;
}

const TemplateSchema = /* @__PURE__ */ deferred(() =>
  v.looseObject({
    templateGuid: v.string(),
    components: v.optional(v.array(v.looseObject({ type: v.string() }))),
  }),
);

/** A page: an array, or `{ data }` (with `count` where the service gives one). */
const TemplatePageSchema = /* @__PURE__ */ deferred(() =>
  v.union([
    v.pipe(
      v.array(TemplateSchema),
      v.transform((items) => ({ items: items as Template[], count: undefined })),
    ),
    v.pipe(
      v.looseObject({ count: countSchema(), data: v.array(TemplateSchema) }),
      v.transform(({ count, data }) => ({ items: data as Template[], count })),
    ),
  ]),
);

/** `wazzup.templates`: the account's WABA templates. */
export class Templates extends Resource {
  /**
   * The WABA templates, in `limit`/`offset` pages of 100 (`GET /v3/templates/whatsapp`): awaited,
   * the first page; with `for await`, every template.
   */
  list(params: ListParams = {}, options?: CallOptions): PagePromise<Template> {
    const read = readWith(TemplatePageSchema, 'a page of templates');
    const load = (offset: number) =>
      request(
        engineOf(this),
        {
          method: 'GET',
          path: `/v3/templates/whatsapp?limit=${BATCH_LIMIT}&offset=${offset}`,
          route: 'GET /v3/templates/whatsapp',
          maxBytes: READ_MAX_BYTES,
          read,
        },
        options,
      );
    return guardedList(() => pages(load, BATCH_LIMIT, checkOffset(params.offset)));
  }
}
