import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.ts';
import { assertAcceptablePassword, passwordProblem } from './password-policy.ts';

describe('passwordProblem', () => {
  it('refuses passwords made only of whitespace', () => {
    for (const p of ['        ', '\t\t\t\t\t\t\t\t', ' \n \r\n   ', '\u3000'.repeat(8)])
      expect(passwordProblem(p), JSON.stringify(p)).toBe('password_blank');
  });

  it('refuses the most common passwords, whatever their case or surrounding spaces', () => {
    for (const p of ['password', 'Password1', 'QWERTYUIOP', ' iloveyou ', '12345678', 'p@ssw0rd', 'starwars']) {
      expect(passwordProblem(p), p).toBe('password_common');
    }
  });

  it('accepts the rest, the passwords of the demo data and of the tests included', () => {
    for (const p of [
      'kakera-demo',
      'correct horse battery',
      'a good password',
      'open sesame!',
      '  spaces inside are fine ',
      '秘密のパスワード',
    ]) {
      expect(passwordProblem(p), p).toBeNull();
    }
  });
});

describe('assertAcceptablePassword', () => {
  it('throws invalid_input naming the password field, with a code the web app words', () => {
    let thrown: unknown;
    try {
      assertAcceptablePassword('password1');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('invalid_input');
    expect((thrown as AppError).details).toEqual({ fields: [{ path: 'password', message: expect.any(String), code: 'password_common' }] });
  });
});
