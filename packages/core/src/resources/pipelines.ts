import * as v from 'valibot';
import type { CallOptions } from '../client/contract';
import { deferred, perMode } from '../schemas/deferred';
import { exactObject } from '../schemas/exact-object';
import { issueMessage } from '../schemas/issue-message';
import {
  batches,
  call,
  type Engine,
  readDone,
  readWith,
  text,
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

/** `pipelines` on the client. */
export interface PipelineMethods {
  /** Every pipeline (`GET /v3/pipelines`); safe to repeat. */
  list(options?: CallOptions): Promise<Pipeline[]>;
  /** Creates or updates pipelines by id (`POST /v3/pipelines`), in batches of 100; safe to repeat. */
  upsert(pipelines: readonly PipelineInput[], options?: CallOptions): Promise<void>;
}

/** The pipeline methods on an engine. */
export function pipelineMethods(engine: Engine): PipelineMethods {
  const read = readWith(v.array(v.looseObject({ id: v.string() })), 'a list of pipelines') as (
    answer: Parameters<ReturnType<typeof readWith>>[0],
  ) => Pipeline[];
  return {
    list: (options) => call(engine, { method: 'GET', path: '/v3/pipelines', read }, options),
    async upsert(pipelines, options) {
      const valid = validItems(
        pipelineInputSchema(engine.unknownKeys),
        pipelines,
        'VALIDATION_ERROR',
        'pipelines',
      );
      for (const batch of batches(valid)) {
        await call(engine, withBody('POST', '/v3/pipelines', batch, readDone), options);
      }
    },
  };
}
