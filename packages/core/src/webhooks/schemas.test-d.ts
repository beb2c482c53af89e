import { describe, expectTypeOf, it } from 'vitest';
import type { WebhookErrorCode, WebhookMessage, WebhookMessageType } from './index';

describe('webhook types', () => {
  it('name the known values and keep any string', () => {
    expectTypeOf<'system'>().toExtend<WebhookMessageType>();
    expectTypeOf<'24_HOURS_EXCEEDED'>().toExtend<WebhookErrorCode>();
    expectTypeOf<'A_CODE_FROM_TOMORROW'>().toExtend<WebhookErrorCode>();
    expectTypeOf<WebhookMessage['advert']>().toEqualTypeOf<unknown>();
  });
});
