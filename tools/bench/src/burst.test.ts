import { describe, expect, it } from 'vitest';
import { mostInAnyWindow } from './burst';

describe('mostInAnyWindow', () => {
  it('counts every request whose span overlaps the busiest window', () => {
    // Three answered within the first second, one sent just before it ended: four could overlap.
    const spans = [
      [0, 10],
      [0, 20],
      [5, 30],
      [990, 1200],
      [2100, 2110],
    ] as const;
    expect(mostInAnyWindow(spans, 1000)).toBe(4);
  });

  it('keeps windows apart when each later request left a window after an earlier answer', () => {
    const spans = [
      [0, 50],
      [0, 60],
      [1050, 1100],
      [1060, 1120],
    ] as const;
    expect(mostInAnyWindow(spans, 1000)).toBe(2);
  });
});
