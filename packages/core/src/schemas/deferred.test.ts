import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { deferred } from './deferred';

describe('deferred', () => {
  it('builds its schema at the first parse, not before, and only once', () => {
    const build = vi.fn(() => v.object({ id: v.string() }));
    const schema = deferred(build);
    expect(build).not.toHaveBeenCalled();
    expect(v.parse(schema, { id: 'a' })).toEqual({ id: 'a' });
    expect(v.parse(schema, { id: 'b' })).toEqual({ id: 'b' });
    expect(build).toHaveBeenCalledTimes(1);
  });

  it("reports the built schema's issues, with their paths, as its own", () => {
    const schema = v.array(deferred(() => v.object({ id: v.string('id must be a string') })));
    const result = v.safeParse(schema, [{ id: 'a' }, { id: 2 }]);
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe('id must be a string');
    expect(result.issues?.[0]?.path?.map((item) => item.key)).toEqual([1, 'id']);
  });

  it('validates through the Standard Schema interface too', async () => {
    const schema = deferred(() => v.pipe(v.string(), v.minLength(2)));
    const ok = await schema['~standard'].validate('ok');
    expect(ok).toMatchObject({ value: 'ok' });
    expect(ok.issues).toBeUndefined();
    expect((await schema['~standard'].validate('x')).issues).toHaveLength(1);
  });
});
