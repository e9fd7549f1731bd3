import { error, isHttpError, isRedirect, redirect, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/api-error';
import { m } from '$lib/paraglide/messages.js';
import type { Api } from './api';
import { formAction, missing } from './form-action';
import { str } from './errors';

/** A form post to an action, with `api` as the event's API. */
function post(fields: Record<string, string>, api: Partial<Api> = {}) {
  const body = new URLSearchParams(fields);
  return {
    request: new Request('http://forum.test/login', { method: 'POST', body }),
    url: new URL('http://forum.test/login'),
    locals: { api },
  } as unknown as RequestEvent;
}

const login = (call: (api: Api, input: { email: string; password: string }) => Promise<unknown>) =>
  formAction({
    fields: ['email', 'password'],
    parse: (form) => {
      const email = str(form, 'email').trim();
      const password = str(form, 'password');
      return { input: { email, password }, values: { email }, invalid: missing({ email, password }) };
    },
    call,
    done: () => redirect(303, '/welcome'),
  });

describe('formAction', () => {
  it('sends nothing when the form cannot go as it is: the fields say why, the values come back', async () => {
    const call = vi.fn();
    const result = await login(call)(post({ email: ' a@b.c ', password: '' }));
    expect(call).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      status: 400,
      data: { errors: { formCode: 'invalid_input', fields: { password: m.field_required() } }, values: { email: 'a@b.c' } },
    });
  });

  it('calls the API with what the form says, then redirects', async () => {
    const call = vi.fn(async () => ({ user: { id: 1 } }));
    const api = { post: vi.fn() };
    const thrown = await login(call)(post({ email: 'a@b.c', password: 'secret' }, api)).catch((e: unknown) => e);
    expect(call).toHaveBeenCalledWith(api, { email: 'a@b.c', password: 'secret' }, expect.anything());
    expect(isRedirect(thrown) && thrown.location).toBe('/welcome');
  });

  it('puts an API refusal beside its field, with the values to refill the form', async () => {
    const refuse = async () => {
      throw new ApiError(401, 'invalid_credentials', 'no', [{ path: 'password', message: 'wrong', code: 'invalid_credentials' }]);
    };
    const result = await login(refuse)(post({ email: 'a@b.c', password: 'nope' }, { post: vi.fn() }));
    expect(result).toMatchObject({
      status: 401,
      data: { errors: { fields: { password: m.error_invalid_credentials() } }, values: { email: 'a@b.c' } },
    });
  });

  it('answers the data `done` gives (an in-page success)', async () => {
    const action = formAction({
      parse: (form) => ({ input: { slug: str(form, 'slug') }, values: {} }),
      call: async () => ({ category: {} }),
      done: (_, { slug }) => ({ ok: 'saved' as const, slug }),
    });
    expect(await action(post({ slug: 'help' }))).toEqual({ ok: 'saved', slug: 'help' });
  });

  it('lets anything but an API error through: a 404 from parse, a bug in call', async () => {
    const notFound = formAction({
      parse: () => error(404, { message: 'Not found', code: 'not_found' }),
      call: async () => null,
      done: () => null,
    });
    expect(isHttpError(await notFound(post({})).catch((e: unknown) => e), 404)).toBe(true);
    const bug = formAction({
      parse: () => ({ input: null, values: {} }),
      call: async () => {
        throw new TypeError('oops');
      },
      done: () => null,
    });
    await expect(bug(post({}))).rejects.toThrow('oops');
  });
});

describe('missing', () => {
  it('names the empty fields, with the code given', () => {
    expect(missing({ name: 'Aki', email: '', password: '' })).toEqual({ email: 'required', password: 'required' });
    expect(missing({ body: '' }, 'too_small')).toEqual({ body: 'too_small' });
    expect(missing({ password: '  ' })).toBeUndefined();
  });
});
