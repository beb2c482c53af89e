import { describe, expect, it } from 'vitest';
import { codePointLength, DEFAULT_TEXT_LIMITS, isLongerThan } from './limits';

describe('text limits', () => {
  it('are the page’s per chat type', () => {
    expect(DEFAULT_TEXT_LIMITS).toEqual({
      whatsapp: 10_000,
      whatsgroup: 10_000,
      instagram: 1_000,
      telegram: 4_096,
    });
  });

  it('count code points, not UTF-16 units', () => {
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('😀👍🏽')).toBe(3);
    expect('😀'.length).toBe(2);
  });

  it('compare by code points at the boundary', () => {
    expect(isLongerThan('😀'.repeat(5), 5)).toBe(false);
    expect(isLongerThan('😀'.repeat(6), 5)).toBe(true);
    expect(isLongerThan('abcde', 5)).toBe(false);
    expect(isLongerThan('abcdef', 5)).toBe(true);
  });
});
