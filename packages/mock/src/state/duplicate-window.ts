/**
 * Remembers each crmMessageId for `windowMs` after its message was sent, per account, as the
 * service does (about 60 s). Past the window the same id is accepted again.
 */
export interface DuplicateWindow {
  seen(scope: object, crmMessageId: string, now: number): boolean;
  remember(scope: object, crmMessageId: string, now: number): void;
  clear(): void;
}

export function createDuplicateWindow(windowMs: number): DuplicateWindow {
  let sentAt = new WeakMap<object, Map<string, number>>();
  const forScope = (scope: object) => {
    const ids = sentAt.get(scope) ?? new Map<string, number>();
    sentAt.set(scope, ids);
    return ids;
  };
  return {
    seen(scope, crmMessageId, now) {
      const at = sentAt.get(scope)?.get(crmMessageId);
      return at !== undefined && now - at < windowMs;
    },
    remember(scope, crmMessageId, now) {
      const ids = forScope(scope);
      ids.set(crmMessageId, now);
      // Forget expired ids now and then so a long run does not grow without bound.
      if (ids.size % 1024 === 0)
        for (const [id, at] of ids) if (now - at >= windowMs) ids.delete(id);
    },
    clear() {
      sentAt = new WeakMap();
    },
  };
}
