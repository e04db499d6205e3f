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
  | 'same_as_email'
  | 'control_characters'
  | 'no_visible_text'
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

// ------------------------------------------------------------------ text

/**
 * What no text field may hold: C0 controls but TAB (and LF, in multi-line
 * fields), DEL, C1 controls, lone surrogates, and the bidirectional
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069), which could
 * reorder what follows them in an e-mail or a list. ZWJ, ZWNJ, LRM and RLM
 * stay: scripts and names need them.
 */
const FORBIDDEN = {
  // eslint-disable-next-line no-control-regex -- matching control characters is this rule's purpose
  line: /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
  // eslint-disable-next-line no-control-regex -- matching control characters is this rule's purpose
  multiline: /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
};
/** A character that shows: not a space, a format or control character, a lone mark, or a blank filler. */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Cc}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** Fields where a line break belongs. */
export const MULTILINE_FIELDS: readonly string[] = ['comment', 'accommodation', 'training.summary'];

/** The text rule a value breaks, if any (both sides check it: the forms before sending, the server on receipt). */
export function textProblem(value: string, multiline = false): 'control_characters' | 'no_visible_text' | undefined {
  if ((multiline ? FORBIDDEN.multiline : FORBIDDEN.line).test(value)) return 'control_characters';
  if (value.trim() !== '' && !VISIBLE.test(value)) return 'no_visible_text';
  return undefined;
}

/** Adds the text rules' errors for every string of a request (`field.sub.0` paths), one per field. */
function checkTexts(input: unknown, errors: FieldError[]): void {
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const field = path.join('.');
      const code = textProblem(value, MULTILINE_FIELDS.includes(path.filter((p) => !/^\d+$/.test(p)).join('.')));
      if (code && !errors.some((e) => e.field === field)) errors.push({ field, code, message: code });
    } else if (value && typeof value === 'object' && path.length < 4) {
      for (const [key, v] of Object.entries(value)) stack.push({ value: v, path: [...path, key] });
    }
  }
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
  checkTexts(input, errors);
  const managerEmail = valueAt(input, ['managerEmail']);
  if (options.managerApproval && (typeof managerEmail !== 'string' || managerEmail.trim() === '')) {
    if (!errors.some((e) => e.field === 'managerEmail')) {
      errors.push({ field: 'managerEmail', code: 'required', message: 'Required when the course needs approval' });
    }
  }
  // The manager's decision must come from someone else: not one's own address.
  const email = valueAt(input, ['email']);
  if (typeof managerEmail === 'string' && typeof email === 'string' && managerEmail.trim() !== '' && managerEmail.trim().toLowerCase() === email.trim().toLowerCase()) {
    if (!errors.some((e) => e.field === 'managerEmail')) errors.push({ field: 'managerEmail', code: 'same_as_email', message: 'The manager’s address is the agent’s' });
  }
  return errors.length || !parsed.success ? { errors } : { value: parsed.data, errors };
}

/** Validates a trainer application; offering a training requires its description. */
export function validateTrainerApplication(input: unknown): ValidationResult<TrainerApplication> {
  const parsed = TrainerApplication.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues, input);
  checkTexts(input, errors);
  if (valueAt(input, ['intent']) === TRAINER_INTENT_LIST && valueAt(input, ['training']) === undefined) {
    errors.push({ field: 'training', code: 'required', message: 'Required when offering a training' });
  }
  return errors.length || !parsed.success ? { errors } : { value: parsed.data, errors };
}
