import { describe, expect, it } from 'vitest';
import { codePointLength, isLongerThan } from './limits';

describe('text limits', () => {
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
