import { describe, expect, it } from 'vitest';
import { createDuplicateWindow } from './duplicate-window';

describe('duplicate window', () => {
  it('remembers an id for the window, per scope', () => {
    const window = createDuplicateWindow(60_000);
    const account = {};
    window.remember(account, 'c-1', 0);
    expect(window.seen(account, 'c-1', 59_999)).toBe(true);
    expect(window.seen(account, 'c-1', 60_000)).toBe(false);
    expect(window.seen({}, 'c-1', 1)).toBe(false);
    expect(window.seen(account, 'c-2', 1)).toBe(false);
  });

  it('prunes expired ids as it grows', () => {
    const window = createDuplicateWindow(10);
    const account = {};
    for (let i = 0; i < 2048; i++) window.remember(account, `id-${i}`, i);
    expect(window.seen(account, 'id-0', 2047)).toBe(false);
    expect(window.seen(account, 'id-2047', 2047)).toBe(true);
  });
});
