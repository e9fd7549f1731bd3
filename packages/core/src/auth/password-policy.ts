import { AppError } from '../shared/app-error.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

let common: Set<string> | null = null;

/**
 * Why a new password is refused, or null. The length limits are the
 * contract's (RegisterBody); this adds what a schema cannot say cheaply:
 * eight spaces are not a password, and neither is one of the passwords every
 * attacker tries first (compared without case or surrounding spaces, so
 * `Password1 ` is as common as `password1`).
 */
export function passwordProblem(password: string): 'password_blank' | 'password_common' | null {
  if (password.trim() === '') return 'password_blank';
  common ??= new Set(COMMON_PASSWORDS.split('\n').filter(Boolean));
  return common.has(password.trim().toLowerCase()) ? 'password_common' : null;
}

const MESSAGES = {
  password_blank: 'A password cannot be only spaces',
  password_common: 'This password is one of the most common ones; choose another',
} as const;

/** Throws 400 invalid_input naming `password` when the new password is refused. */
export function assertAcceptablePassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) {
    throw new AppError('invalid_input', MESSAGES[problem], { fields: [{ path: 'password', message: MESSAGES[problem], code: problem }] });
  }
}
