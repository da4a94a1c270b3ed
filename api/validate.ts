import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ValidationError } from './errors';
import { type RequestTarget, withDoc } from './openapi/describe';
import { firstMalformedString, NOT_WELL_FORMED } from './text';

/** zod issues → our one error shape, naming the field. */
export function toValidationError(error: z.ZodError): ValidationError {
  const issue = error.issues[0];
  let field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') field = [field, issue.keys[0]].filter(Boolean).join('.');
  const message = issue.code === 'unrecognized_keys' ? `Unknown field "${issue.keys[0]}"` : issue.message;
  return new ValidationError(`${field || 'body'}: ${message}`, field || undefined);
}

/** Checks one part of the request against `schema`, and records it for the OpenAPI contract (api/openapi/). */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) throw toValidationError(result.error as unknown as z.ZodError);
    // No string that is not text reaches a handler, whichever schema let it through (api/text.ts).
    const field = firstMalformedString(result.data);
    if (field !== null) throw new ValidationError(`${field || target}: ${NOT_WELL_FORMED}`, field || target);
  });
  return withDoc(middleware, { requests: [{ target: target as RequestTarget, schema }] });
}
