/** The chat types the send-message page documents. */
export const PAGE_CHAT_TYPES: readonly string[] = [
  'whatsapp',
  'whatsgroup',
  'instagram',
  'telegram',
];

/** Every chat type the real service knows: the page's four and the ones it does not document. */
export const SERVICE_CHAT_TYPES: readonly string[] = [
  ...PAGE_CHAT_TYPES,
  'viber',
  'telegroup',
  'vk',
  'avito',
  'max',
];

/** Text limits per chat type, in code points, from the send-message page. */
export const PAGE_TEXT_LIMITS: Readonly<Record<string, number>> = {
  whatsapp: 10000,
  whatsgroup: 10000,
  instagram: 1000,
  telegram: 4096,
};

/** What the mock's validation accepts; a test can narrow or widen it to match a client. */
export interface ValidationRules {
  chatTypes: readonly string[];
  textLimits: Readonly<Record<string, number>>;
}

/** Why a request was refused: the service's code, the field, and words for a person. */
export interface Rejection {
  code: string;
  field: string;
  description: string;
}
