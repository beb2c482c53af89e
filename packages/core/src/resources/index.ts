import { type ChannelMethods, channelMethods } from './channels';
import { type CrmMethods, crmMethods } from './crm';
import { type IframeMethods, iframeMethods } from './iframe';
import { type MessageMethods, messageMethods } from './messages';
import { type PipelineMethods, pipelineMethods } from './pipelines';
import type { Engine } from './shared';
import { type TemplateMethods, templateMethods } from './templates';
import { type UnansweredMethods, unansweredMethods } from './unanswered';
import { type WebhookMethods, webhookMethods } from './webhooks';

/** Every route beyond sending, grouped as the client exposes them. */
export interface ResourceMethods extends MessageMethods, CrmMethods {
  channels: ChannelMethods;
  webhooks: WebhookMethods;
  pipelines: PipelineMethods;
  templates: TemplateMethods;
  iframe: IframeMethods;
  unanswered: UnansweredMethods;
}

/** Every resource on one engine: one retry loop and one rate limit for them all. */
export function resourceMethods(engine: Engine): ResourceMethods {
  return {
    ...messageMethods(engine),
    ...crmMethods(engine),
    channels: channelMethods(engine),
    webhooks: webhookMethods(engine),
    pipelines: pipelineMethods(engine),
    templates: templateMethods(engine),
    iframe: iframeMethods(engine),
    unanswered: unansweredMethods(engine),
  };
}
