// Names the snippets take from the prose around them ("given a client `wazzup` …", "the app's
// own `showError`"). A file of the TypeScript check; appended to each snippet Deno checks (one at a
// time), so the snippet's lines keep their numbers.
declare global {
  const wazzup: import('@wazzup-sdk/core').Wazzup;
  const message: import('@wazzup-sdk/core').SendMessageRequest;
  const input: import('@wazzup-sdk/core').SendMessageRequest;
  const campaignMessage: import('@wazzup-sdk/core').SendMessageRequest;
  const messageId: string;
  const channelId: string;
  const session: string;
  const body: unknown;
  const form: { chatId: string; text: string };
  function showError(field: string | undefined, text: string): void;
  function showFieldError(field: string | undefined, text: string): void;
  function notifyBilling(): void;
  function saveMessage(messageId: string): Promise<void>;
}

export {};
