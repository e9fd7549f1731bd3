import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { resolveSession, type Actor, type Deps } from '@kakera/core';

export const SESSION_COOKIE = 'kakera_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string | undefined;
  }
  interface FastifyReply {
    setSession(token: string, expiresAt: Date): void;
    clearSession(): void;
  }
}

/** Resolves the session cookie into `request.actor` for API and WebSocket requests. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { deps: Deps; secure: boolean }) => {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', undefined);
  app.decorateReply('setSession', function (this: FastifyReply, token: string, expiresAt: Date) {
    this.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secure, expires: expiresAt });
  });
  app.decorateReply('clearSession', function (this: FastifyReply) {
    this.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secure });
  });
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const token = request.cookies[SESSION_COOKIE];
    request.sessionToken = token;
    request.actor = token ? (await resolveSession(opts.deps, token)).actor : { kind: 'guest' };
  });
});
