import type { MockChannel } from './channels';
import type { MockStoreSeed } from './store';

/** An account: the keys that act for it, the channels it owns, and what its CRM holds. */
export interface MockAccount extends MockStoreSeed {
  apiKeys: readonly string[];
  /**
   * Sidecar keys of the account: they send and read channels, webhooks and templates, and get
   * `403 {"error":"FORBIDDEN"}` on contacts, deals, users, pipelines, iframe and unanswered.
   */
  sidecarKeys?: readonly string[];
  channels: readonly MockChannel[];
}

/** Looks accounts up by API key. */
export interface AccountDirectory {
  byKey(apiKey: string): MockAccount | undefined;
  /** Whether a key is one of its account's Sidecar keys. */
  isSidecar(apiKey: string): boolean;
}

/** Indexes accounts by every key they hold. */
export function createAccountDirectory(accounts: readonly MockAccount[]): AccountDirectory {
  const index = new Map<string, MockAccount>();
  const sidecars = new Set<string>();
  for (const account of accounts) {
    for (const key of account.apiKeys) index.set(key, account);
    for (const key of account.sidecarKeys ?? []) {
      index.set(key, account);
      sidecars.add(key);
    }
  }
  return { byKey: (apiKey) => index.get(apiKey), isSidecar: (apiKey) => sidecars.has(apiKey) };
}

/** The key from an `Authorization: Bearer <key>` header, or `undefined`. */
export function bearerKey(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
