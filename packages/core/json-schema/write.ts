import { writeFileSync } from 'node:fs';
import { JSON_SCHEMA_FILE, sendMessageJsonSchema } from './send-message-json-schema';

// Run by `pnpm --filter @wazzup-sdk/core json-schema` after a rule changes; the file is committed,
// and a test fails while it differs from the generator.
writeFileSync(
  new URL(`../${JSON_SCHEMA_FILE}`, import.meta.url),
  `${JSON.stringify(sendMessageJsonSchema(), null, 2)}\n`,
);
