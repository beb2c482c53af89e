import type { MockChannel } from './state/channels';

/** The API key of the demo account a bare `wazzup mock` serves. Not a secret. */
export const DEMO_API_KEY = 'demo-api-key';

/**
 * Channel ids of the demo account: one per messenger (a Telegram account and a Telegram bot, a
 * MAX bot, WABA), and one per state that cannot send, named as the API names the state.
 */
export const DEMO_CHANNEL_IDS = {
  whatsapp: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
  instagram: '2c8f1bc3-1d2a-4b6f-8e4b-7a3d2f5c9b02',
  telegram: '3d9a2cd4-2e3b-4c7a-9f5c-8b4e3a6dac03',
  waba: '4eab3de5-3f4c-4d8b-8a6d-9c5f4b7ebd04',
  disabled: '5fbc4ef6-4a5d-4e9c-9b7e-ad6a5c8fce05',
  notEnoughMoney: '6acd5fa7-5b6e-4fad-8c8f-be7b6d9adf06',
  phoneUnavailable: '7bde6ab8-6c7f-4abe-9d9a-cf8c7eabea07',
  telegramBot: '8cef7bc9-7d8a-4bcf-8eab-da9d8fbcfb08',
  maxBot: '9dfa8cda-8e9b-4cda-9fbc-ebae9acdac09',
  vk: 'aeab9deb-9fac-4deb-8acd-fcbfabdebd0a',
  avito: 'bfbcaefc-aabd-4efc-9bde-adcabcefce0b',
  viber: 'cacdbfad-bbce-4fad-8cef-bedbcdfadf0c',
} as const;

/** The demo account's channels. */
export const DEMO_CHANNELS: readonly MockChannel[] = [
  { id: DEMO_CHANNEL_IDS.whatsapp, transport: 'whatsapp', state: 'active' },
  { id: DEMO_CHANNEL_IDS.instagram, transport: 'instagram', state: 'active' },
  { id: DEMO_CHANNEL_IDS.telegram, transport: 'tgapi', state: 'active' },
  { id: DEMO_CHANNEL_IDS.waba, transport: 'wapi', state: 'active' },
  { id: DEMO_CHANNEL_IDS.disabled, transport: 'whatsapp', state: 'disabled' },
  { id: DEMO_CHANNEL_IDS.notEnoughMoney, transport: 'whatsapp', state: 'notEnoughMoney' },
  { id: DEMO_CHANNEL_IDS.phoneUnavailable, transport: 'whatsapp', state: 'phoneUnavailable' },
  { id: DEMO_CHANNEL_IDS.telegramBot, transport: 'telegram', state: 'active' },
  { id: DEMO_CHANNEL_IDS.maxBot, transport: 'maxbot', state: 'active' },
  { id: DEMO_CHANNEL_IDS.vk, transport: 'vk', state: 'active' },
  { id: DEMO_CHANNEL_IDS.avito, transport: 'avito', state: 'active' },
  { id: DEMO_CHANNEL_IDS.viber, transport: 'viber', state: 'active' },
];
