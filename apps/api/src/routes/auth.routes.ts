import { ErrorBody, LoginBody, MeResponse, Ok, RegisterBody, UpdateMeBody } from '@kakera/contracts';
import { AppError, deleteSession, getMe, login, register, updateMe } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 429: ErrorBody };

export async function authRoutes(app: App, { deps }: RouteOptions) {
  const meta = (req: { ip: string; headers: Record<string, string | string[] | undefined> }) => ({
    ip: req.ip,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
  });

  app.post(
    '/auth/register',
    { schema: { tags: ['auth'], body: RegisterBody, response: { 201: MeResponse, ...errors } } },
    async (req, reply) => {
      await app.rateLimit('register-ip', req.ip);
      const { user, token, expiresAt } = await register(deps, req.body, meta(req));
      reply.setSession(token, expiresAt);
      return reply.code(201).send({ user });
    },
  );

  app.post('/auth/login', { schema: { tags: ['auth'], body: LoginBody, response: { 200: MeResponse, ...errors } } }, async (req, reply) => {
    const attempt = app.beginLogin(req.body.email, req.ip);
    let result;
    try {
      result = await login(deps, req.body, meta(req));
    } catch (e) {
      // Only a wrong password is a guess; a database outage must not count against anyone.
      if (!(e instanceof AppError && e.code === 'invalid_credentials')) attempt.refund();
      throw e;
    }
    attempt.succeeded();
    reply.setSession(result.token, result.expiresAt);
    return { user: result.user };
  });

  app.post('/auth/logout', { schema: { tags: ['auth'], response: { 200: Ok } } }, async (req, reply) => {
    await deleteSession(deps, req.sessionToken);
    reply.clearSession();
    return { ok: true as const };
  });

  app.get('/me', { schema: { tags: ['auth'], response: { 200: MeResponse, 401: ErrorBody } } }, async (req) => ({
    user: await getMe(deps, req.actor),
  }));

  app.patch('/me', { schema: { tags: ['auth'], body: UpdateMeBody, response: { 200: MeResponse, ...errors } } }, async (req) => ({
    user: await updateMe(deps, req.actor, req.body),
  }));
}
