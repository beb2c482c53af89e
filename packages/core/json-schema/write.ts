import { writeFileSync } from 'node:fs';
import { JSON_SCHEMA_FILE, sendMessageJsonSchema } from './send-message-json-schema';

// Run by `pnpm build`; the file is committed too, and a test keeps it equal to the generator.
writeFileSync(
  new URL(`../${JSON_SCHEMA_FILE}`, import.meta.url),
  `${JSON.stringify(sendMessageJsonSchema(), null, 2)}\n`,
);
