import type { MockChannel } from './channels';

/** An account: the keys that act for it and the channels it owns. */
export interface MockAccount {
  apiKeys: readonly string[];
  channels: readonly MockChannel[];
}

/** Looks accounts up by API key. */
export interface AccountDirectory {
  byKey(apiKey: string): MockAccount | undefined;
}

/** Indexes accounts by every key they hold. */
export function createAccountDirectory(accounts: readonly MockAccount[]): AccountDirectory {
  const index = new Map<string, MockAccount>();
  for (const account of accounts) for (const key of account.apiKeys) index.set(key, account);
  return { byKey: (apiKey) => index.get(apiKey) };
}

/** The key from an `Authorization: Bearer <key>` header, or `undefined`. */
export function bearerKey(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
