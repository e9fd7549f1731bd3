import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api-error';
import { m } from '$lib/paraglide/messages.js';
import { actionFail, safeNext, wordErrors } from './errors';

describe('wordErrors', () => {
  it('words the summary, each field and the retry time in the request’s language', () => {
    expect(wordErrors({ form: 'rate_limited', fields: { body: 'too_big' }, retryAfterSeconds: 30 })).toEqual({
      form: m.error_rate_limited(),
      formCode: 'rate_limited',
      retry: m.error_retry_after({ duration: '30 seconds' }),
      fields: { body: m.field_too_long({ max: 50_000 }) },
    });
  });

  it('uses per-form limits when a field name means something else there', () => {
    expect(wordErrors({ form: null, fields: { name: 'too_big' } }, { name: { max: 80 } }).fields.name).toBe(m.field_too_long({ max: 80 }));
  });
});

describe('actionFail', () => {
  it('turns an ApiError into fail(status, { errors, values })', () => {
    const r = actionFail(new ApiError(409, 'email_taken', 'taken'), ['email'], { email: 'a@b.c' });
    expect(r.status).toBe(409);
    expect(r.data).toEqual({
      errors: { form: null, formCode: null, retry: null, fields: { email: m.error_email_taken() } },
      values: { email: 'a@b.c' },
    });
  });

  it('rethrows anything that is not an API error', () => {
    expect(() => actionFail(new Error('bug'), [])).toThrow('bug');
  });
});

describe('safeNext', () => {
  it('only allows local paths', () => {
    expect(safeNext('/t/1?x=2')).toBe('/t/1?x=2');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null, '/c/x')).toBe('/c/x');
  });
});
