import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFromBody, toFormErrors } from './api-error';

describe('apiErrorFromBody', () => {
  it('reads the API error shape', () => {
    const e = apiErrorFromBody(400, {
      error: {
        code: 'invalid_input',
        message: 'Invalid input',
        details: { fields: [{ path: 'title', message: 'Too small', code: 'too_small' }] },
      },
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_input');
    expect(e.fields).toEqual([{ path: 'title', message: 'Too small', code: 'too_small' }]);
  });

  it('falls back to a code for the status when the body is not ours', () => {
    expect(apiErrorFromBody(404, undefined).code).toBe('not_found');
    expect(apiErrorFromBody(503, '<html>').code).toBe('database_unavailable');
    expect(apiErrorFromBody(502, null).code).toBe('internal');
    expect(apiErrorFromBody(400, { error: { code: 'made_up', message: 'x' } }).code).toBe('invalid_input');
  });

  it('takes Retry-After from the body or the header', () => {
    expect(
      apiErrorFromBody(429, { error: { code: 'rate_limited', message: '', details: { retryAfterSeconds: 12 } } }).retryAfterSeconds,
    ).toBe(12);
    expect(apiErrorFromBody(429, { error: { code: 'rate_limited', message: '' } }, '30').retryAfterSeconds).toBe(30);
  });
});

describe('toFormErrors', () => {
  it('puts each field error beside its field and adds a summary for invalid input', () => {
    const e = new ApiError(400, 'invalid_input', 'bad', [
      { path: 'title', message: 'x', code: 'too_small' },
      { path: 'report.device', message: 'x', code: 'too_big' },
    ]);
    expect(toFormErrors(e, ['title', 'body', 'report.device'])).toEqual({
      form: 'invalid_input',
      fields: { title: 'too_small', 'report.device': 'too_big' },
    });
  });

  it('uses the error code itself when a field error carries none', () => {
    const e = new ApiError(409, 'email_taken', 'taken', [{ path: 'email', message: 'taken' }]);
    expect(toFormErrors(e, ['email', 'password'])).toEqual({ form: null, fields: { email: 'email_taken' } });
  });

  it('knows which field email_taken and slug_taken belong to when the API names none', () => {
    expect(toFormErrors(new ApiError(409, 'email_taken', 'taken'), ['name', 'email'])).toEqual({
      form: null,
      fields: { email: 'email_taken' },
    });
    expect(toFormErrors(new ApiError(409, 'slug_taken', 'taken'), ['slug', 'name']).fields).toEqual({ slug: 'slug_taken' });
  });

  it('folds errors for fields the form does not show into the summary', () => {
    const e = new ApiError(400, 'invalid_input', 'bad', [{ path: 'somethingElse', message: 'x', code: 'custom' }]);
    expect(toFormErrors(e, ['title'])).toEqual({ form: 'invalid_input', fields: {} });
  });

  it('shows errors without fields above the form, with Retry-After', () => {
    expect(toFormErrors(new ApiError(401, 'invalid_credentials', 'no'), ['email', 'password'])).toEqual({
      form: 'invalid_credentials',
      fields: {},
    });
    expect(toFormErrors(new ApiError(429, 'rate_limited', 'slow', [], 9), ['body'])).toEqual({
      form: 'rate_limited',
      fields: {},
      retryAfterSeconds: 9,
    });
  });
});
