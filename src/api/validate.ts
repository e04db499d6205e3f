/**
 * Request validation shared by the forms and the reference server, so an
 * agent sees in the browser exactly the errors the server would answer.
 * Errors are reported as stable codes per field; each side words them itself.
 */
import type * as z from 'zod/mini';
import {
  EnrolmentRequest,
  TrainerApplication,
  TRAINER_INTENT_LIST,
  type FieldError,
} from './schemas.js';

export type ErrorCode =
  | 'required'
  | 'too_long'
  | 'too_many'
  | 'too_few'
  | 'invalid_email'
  | 'invalid_url'
  | 'unknown_field'
  | 'invalid';

type Issue = z.core.$ZodIssue;

function codeOf(issue: Issue, value: unknown): ErrorCode {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'too_big':
      return issue.origin === 'array' ? 'too_many' : 'too_long';
    case 'too_small':
      if (issue.origin === 'array') return issue.minimum === 1 ? 'required' : 'too_few';
      return 'required';
    case 'invalid_format':
      if (issue.format === 'email') return value === '' ? 'required' : 'invalid_email';
      if (issue.format === 'url') return 'invalid_url';
      return 'invalid';
    case 'invalid_type':
      return value === undefined || value === null ? 'required' : 'invalid';
    default:
      return 'invalid';
  }
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key as string];
  }
  return v;
}

/** Turns zod issues into one error per field (the first found), with dotted paths. */
export function fieldErrors(issues: readonly Issue[], input: unknown): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = [...issue.path, key].join('.');
        if (!seen.has(field)) seen.set(field, { field, code: 'unknown_field', message: `Unknown field ${field}` });
      }
      continue;
    }
    const field = issue.path.map(String).join('.') || '_';
    if (seen.has(field)) continue;
    seen.set(field, { field, code: codeOf(issue, valueAt(input, issue.path)), message: issue.message });
  }
  return [...seen.values()];
}

export interface ValidationResult<T> {
  value?: T;
  errors: FieldError[];
}

/** Validates an enrolment request; `managerApproval` comes from the course. */
export function validateEnrolment(
  input: unknown,
  options: { managerApproval: boolean },
): ValidationResult<EnrolmentRequest> {
  const parsed = EnrolmentRequest.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues, input);
  const managerEmail = valueAt(input, ['managerEmail']);
  if (options.managerApproval && (typeof managerEmail !== 'string' || managerEmail.trim() === '')) {
    if (!errors.some((e) => e.field === 'managerEmail')) {
      errors.push({ field: 'managerEmail', code: 'required', message: 'Required when the course needs approval' });
    }
  }
  return errors.length || !parsed.success ? { errors } : { value: parsed.data, errors };
}

/** Validates a trainer application; offering a training requires its description. */
export function validateTrainerApplication(input: unknown): ValidationResult<TrainerApplication> {
  const parsed = TrainerApplication.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues, input);
  if (valueAt(input, ['intent']) === TRAINER_INTENT_LIST && valueAt(input, ['training']) === undefined) {
    errors.push({ field: 'training', code: 'required', message: 'Required when offering a training' });
  }
  return errors.length || !parsed.success ? { errors } : { value: parsed.data, errors };
}
