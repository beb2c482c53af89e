import * as v from 'valibot';
import type { CallOptions } from '../core/options';
import type { PagePromise } from '../core/pagination';
import type { WazzupPromise } from '../core/promise';
import { deferred, perMode } from '../schemas/deferred';
import { exactObject } from '../schemas/exact-object';
import { issueMessage } from '../schemas/issue-message';
import {
  engineOf,
  guarded,
  inBatches,
  Resource,
  readDone,
  text,
  unpaged,
  validItems,
  withBody,
} from './shared';

/** A sales funnel with its stages, as `pipelines.upsert` takes it. */
export interface PipelineInput {
  id: string;
  name: string;
  /** Its stages in order; leave it out rather than pass `[]`, which the service refuses. */
  stages?: { id: string; name: string }[] | undefined;
}

/** A pipeline as the service answers it (unknown fields kept). */
export type Pipeline = Partial<PipelineInput> & { id: string; [field: string]: unknown };

const name100 = (field: string) => text('VALIDATION_ERROR', field, 100);

const pipelineInputSchema = /* @__PURE__ */ perMode(
  (unknownKeys): v.GenericSchema<unknown, PipelineInput> =>
    exactObject(
      {
        id: name100('id'),
        name: name100('name'),
        stages: v.optional(
          v.pipe(
            v.array(
              exactObject({ id: name100('id'), name: name100('name') }, 'a stage', {
                unknownKeys,
              }),
              issueMessage('VALIDATION_ERROR', 'stages must be an array'),
            ),
            v.minLength(
              1,
              issueMessage('VALIDATION_ERROR', 'stages must not be empty: leave it out'),
            ),
          ),
        ),
      },
      'a pipeline',
      { unknownKeys },
    ),
);

/** Schema of one pipeline to upsert: strict; an empty `stages` is refused, as the service does. */
export const PipelineInputSchema: v.GenericSchema<unknown, PipelineInput> =
  /* @__PURE__ */ deferred(() => pipelineInputSchema('refuse'));

const PipelinesSchema = /* @__PURE__ */ deferred(
  () => v.array(v.looseObject({ id: v.string() })) as v.GenericSchema<unknown, Pipeline[]>,
);

/** `wazzup.pipelines`: the account's sales funnels. */
export class Pipelines extends Resource {
  /** Every pipeline (`GET /v3/pipelines`), as one page; safe to repeat. */
  list(options?: CallOptions): PagePromise<Pipeline> {
    const route = { method: 'GET', path: '/v3/pipelines', route: 'GET /v3/pipelines' } as const;
    return unpaged(engineOf(this), route, PipelinesSchema, 'a list of pipelines', options);
  }

  /** Creates or updates pipelines by id (`POST /v3/pipelines`), in batches of 100; safe to repeat. */
  upsert(pipelines: readonly PipelineInput[], options?: CallOptions): WazzupPromise<void> {
    return guarded(() => {
      const schema = pipelineInputSchema(engineOf(this).options.schema.unknownKeys);
      const valid = validItems(schema, pipelines, 'VALIDATION_ERROR', 'pipelines');
      const route = (batch: PipelineInput[]) => withBody('POST', '/v3/pipelines', batch, readDone);
      return inBatches(valid, route, engineOf(this), options);
    });
  }
}
