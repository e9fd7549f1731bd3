import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FieldError } from '@kakera/contracts';
import { sendError } from './error-handler.ts';

/*
 * Text that no field can keep: a lone UTF-16 surrogate ("\ud800" is valid
 * JSON, but not Unicode: PostgreSQL's jsonb refuses it, so the audit log
 * answered 500, and text columns quietly turned it into U+FFFD) and NUL
 * (PostgreSQL refuses it in any text). Refused before validation, for every
 * string of every route, so that no schema or service has to remember it and
 * the client is told which field to fix, in the shape zod's errors have.
 */

type Where = 'params' | 'body' | 'querystring';

const LONE_SURROGATE = 'Contains invalid Unicode (a lone UTF-16 surrogate)';
const NUL = 'Contains a NUL character';
/** Enough to fix a form; a body of a million bad strings needs no million-line answer. */
const MAX_REPORTED = 20;

const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

function problem(s: string): string | null {
  if (!isWellFormed(s)) return LONE_SURROGATE;
  if (s.includes('\u0000')) return NUL;
  return null;
}

/** The common case, every request: a walk that allocates nothing but its stack. */
function containsUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (problem(v)) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x !== 'number' && typeof x !== 'boolean') stack.push(x);
    } else if (v && typeof v === 'object') {
      for (const key in v) {
        if (problem(key)) return true;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

interface Step {
  value: unknown;
  key: string;
  parent: Step | null;
}

/** The dotted path of a step, built only for the few that fail; cut short, as nesting may be a million deep. */
function pathOf(step: Step, where: Where): string {
  const keys: string[] = [];
  for (let s: Step | null = step; s?.parent; s = s.parent) keys.push(s.key);
  const path = keys.reverse().join('.');
  if (!path) return where;
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * Every string (and object key) in a parsed request part that cannot be
 * stored, with its dotted path. Iterative: JSON.parse accepts nesting far
 * deeper than a recursive walk could follow without overflowing the stack.
 */
export function findUnstorableText(value: unknown, where: Where): FieldError[] {
  if (!containsUnstorableText(value)) return [];
  const found: FieldError[] = [];
  const report = (step: Step, message: string) => found.push({ path: pathOf(step, where), message, code: 'invalid_format' });
  const stack: Step[] = [{ value, key: '', parent: null }];
  while (stack.length && found.length < MAX_REPORTED) {
    const step = stack.pop()!;
    const v = step.value;
    if (typeof v === 'string') {
      const message = problem(v);
      if (message) report(step, message);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: String(i), parent: step });
    } else if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const child: Step = { value: (v as Record<string, unknown>)[key], key, parent: step };
        const message = problem(key);
        if (message) report(child, message);
        else stack.push(child);
      }
    }
  }
  return found;
}

function check(request: FastifyRequest): { where: Where; fields: FieldError[] } | null {
  const parts: [Where, unknown][] = [
    ['params', request.params],
    ['body', request.body],
    ['querystring', request.query],
  ];
  for (const [where, value] of parts) {
    if (value === undefined || value === null) continue;
    const fields = findUnstorableText(value, where);
    if (fields.length) return { where, fields };
  }
  return null;
}

export const storableTextPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request, reply) => {
    const bad = check(request);
    if (!bad) return;
    return sendError(reply, 'invalid_input', `Invalid ${bad.where}: ${bad.fields.map((f) => f.path).join(', ')}`, {
      fields: bad.fields,
      in: bad.where,
    });
  });
});
