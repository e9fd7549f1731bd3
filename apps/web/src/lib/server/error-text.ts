import type { ErrorCode } from '@kakera/contracts';
import { m } from '$lib/paraglide/messages.js';

/*
 * Error wording. Used on the server only (form actions and load errors word
 * their errors in the reader's language before sending them), so the
 * browser bundle never carries this table.
 */

/** Every API error code, worded for people. Keyed by code so a new code is a type error here. */
const ERROR_TEXT: Record<ErrorCode, () => string> = {
  invalid_input: m.error_invalid_input,
  unauthenticated: m.error_unauthenticated,
  invalid_credentials: m.error_invalid_credentials,
  forbidden: m.error_forbidden,
  suspended: m.error_suspended,
  origin_mismatch: m.error_origin_mismatch,
  thread_locked: m.error_thread_locked,
  not_found: m.error_not_found,
  conflict: m.error_conflict,
  email_taken: m.error_email_taken,
  slug_taken: m.error_slug_taken,
  not_solvable: m.error_not_solvable,
  attachment_unavailable: m.error_attachment_unavailable,
  payload_too_large: m.error_payload_too_large,
  unsupported_media_type: m.error_unsupported_media_type,
  rate_limited: m.error_rate_limited,
  internal: m.error_internal,
  database_unavailable: m.error_database_unavailable,
};

export function errorText(code: string | null | undefined): string {
  return (code && ERROR_TEXT[code as ErrorCode]?.()) || m.error_internal();
}

/** Length limits of the contracts' schemas, so a "too short" can say by how much. */
const LIMITS: Record<string, { min?: number; max?: number }> = {
  title: { min: 3, max: 160 },
  body: { min: 1, max: 50_000 },
  name: { min: 2, max: 40 },
  password: { min: 8, max: 200 },
  email: { max: 254 },
  slug: { min: 2, max: 50 },
  description: { max: 500 },
  team: { min: 1, max: 60 },
  'report.device': { max: 120 },
  'report.softwareVersion': { max: 80 },
  'report.stepsToReproduce': { max: 5000 },
  'report.expected': { max: 2000 },
  'report.actual': { max: 2000 },
};

/**
 * The message beside a field. `code` is an API error code (email_taken …) or
 * a zod issue code (too_small, too_big, invalid_format …).
 */
export function fieldErrorText(field: string, code: string, limitsOverride?: { min?: number; max?: number }): string {
  const limits = limitsOverride ?? LIMITS[field] ?? {};
  switch (code) {
    case 'too_small':
      if (field === 'slaTargetSeconds' || field === 'position') return m.field_number_range();
      return limits.min && limits.min > 1 ? m.field_too_short({ min: limits.min }) : m.field_required();
    case 'too_big':
      if (field === 'slaTargetSeconds' || field === 'position') return m.field_number_range();
      return limits.max ? m.field_too_long({ max: limits.max }) : m.field_invalid();
    case 'invalid_type':
    case 'required':
      return m.field_required();
    case 'invalid_format':
    case 'invalid_string':
      if (field === 'email') return m.field_invalid_email();
      if (field === 'slug') return m.field_invalid_slug();
      return m.field_invalid();
    case 'invalid_value':
    case 'invalid_enum_value':
      return m.field_choose_option();
    // The API's password rules (packages/core/src/auth/password-policy.ts).
    case 'password_blank':
      return m.field_password_blank();
    case 'password_common':
      return m.field_password_common();
    // The API's attachment refusals (packages/core/src/attachments).
    case 'too_large':
      return m.attach_field_too_large();
    case 'too_many':
      return m.attach_error_too_many();
    case 'type':
      return m.attach_field_type();
    case 'unavailable':
      return m.error_attachment_unavailable();
    default:
      return ERROR_TEXT[code as ErrorCode]?.() ?? m.field_invalid();
  }
}
