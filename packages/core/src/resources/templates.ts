import * as v from 'valibot';
import type { CallOptions } from '../client/contract';
import { deferred } from '../schemas/deferred';
import { call, type Engine, offsetPages, readWith } from './shared';

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
      v.transform((items) => ({ items, count: undefined })),
    ),
    v.pipe(
      v.looseObject({ count: v.optional(v.number()), data: v.array(TemplateSchema) }),
      v.transform(({ count, data }) => ({ items: data, count })),
    ),
  ]),
);

/** `templates` on the client. */
export interface TemplateMethods {
  /** Every WABA template, walking `limit`/`offset` pages of 100 (`GET /v3/templates/whatsapp`). */
  list(options?: CallOptions): AsyncGenerator<Template, void, undefined>;
}

/** The template methods on an engine. */
export function templateMethods(engine: Engine): TemplateMethods {
  const read = readWith(TemplatePageSchema, 'a page of templates');
  return {
    async *list(options) {
      yield* offsetPages((offset) =>
        call(
          engine,
          { method: 'GET', path: `/v3/templates/whatsapp?limit=100&offset=${offset}`, read },
          options,
        ),
      ) as AsyncGenerator<Template, void, undefined>;
    },
  };
}
