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

  it('words the API’s password rules beside the password field', () => {
    const fields = wordErrors({ form: 'invalid_input', fields: { password: 'password_common' } }).fields;
    expect(fields.password).toBe(m.field_password_common());
    expect(wordErrors({ form: 'invalid_input', fields: { password: 'password_blank' } }).fields.password).toBe(m.field_password_blank());
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
  const origin = 'https://forum.example';

  it('keeps a path on this site, query and fragment included', () => {
    expect(safeNext('/t/1?x=2', origin)).toBe('/t/1?x=2');
    expect(safeNext('/t/1#post-3', origin)).toBe('/t/1#post-3');
    expect(safeNext('/c/bugs/../news', origin)).toBe('/c/news');
    expect(safeNext(null, origin, '/c/x')).toBe('/c/x');
  });

  it('refuses everything a browser would read as another site', () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '\t//evil.example',
      '/.//evil.example',
      '/%2e//evil.example',
      '/ /evil.example',
      'https://forum.example.evil.example/',
      '',
    ]) {
      const to = safeNext(next, origin);
      expect(to, JSON.stringify(next)).toMatch(/^\/(?!\/)/);
      expect(new URL(to, origin).origin, JSON.stringify(next)).toBe(origin);
    }
    expect(safeNext('/\t/evil.example', origin)).toBe('/');
    expect(safeNext('/.//evil.example', origin)).toBe('/');
  });

  it('answers something a Location header can carry: control characters refused, the rest percent-encoded', () => {
    expect(safeNext('/\n/x', origin)).toBe('/');
    expect(safeNext('/x\u0000', origin)).toBe('/');
    expect(safeNext('/x\u007f', origin)).toBe('/');
    expect(safeNext('/\u202e', origin)).toBe('/%E2%80%AE');
    expect(safeNext('/c/日本', origin)).toBe('/c/%E6%97%A5%E6%9C%AC');
    expect(safeNext('/search?q=a b', origin)).toBe('/search?q=a%20b');
    for (const next of ['/\u202e', '/c/日本', '/search?q=a b', '/"<x>']) {
      expect(safeNext(next, origin), JSON.stringify(next)).toMatch(/^[\x21-\x7e]+$/);
    }
  });
});
