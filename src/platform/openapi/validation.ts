import type { Hook } from '@hono/zod-openapi';
import type { Context, Env, MiddlewareHandler } from 'hono';
import type { ZodError } from 'zod';
import { apiError, type FieldErrors } from '../http/errors.ts';
import { readJsonObject } from '../http/json.ts';
import { fieldCodes } from '../http/text.ts';

const MESSAGES: Record<string, string> = {
  query: 'Some query parameters are not valid.',
  param: 'Some path parameters are not valid.',
};

// A request that fails its route's schemas: 400 {"error":{"code":"validation_failed",
// "message","fields":{field: code}}}, the API's one error shape.
export function validationFailed(c: Context, target: string, fields: FieldErrors): Response {
  return apiError(c, 400, 'validation_failed', MESSAGES[target] ?? 'Some fields are not valid.', fields);
}

export type ValidationOptions<E extends Env> = {
  // Answers first when it returns a Response (e.g. a closed pledge or the burst limit
  // refuse before the fields are judged, as the HTML form does).
  before?: (c: Context<E>) => Promise<Response | undefined>;
  // zod issues -> {field: code}; default: the first issue of each top-level field.
  codes?: (error: ZodError) => FieldErrors;
  // Codes -> the words the client shows (e.g. in the visitor's language).
  messages?: (c: Context<E>, codes: FieldErrors) => FieldErrors;
};

// The hook of every declared route (OpenAPIHono's defaultHook) or of one route.
export function validationHook<E extends Env>(opts: ValidationOptions<E> = {}): Hook<any, E, any, any> {
  return async (result, c) => {
    if (result.success) return;
    const refused = await opts.before?.(c);
    if (refused) return refused;
    const codes = (opts.codes ?? fieldCodes)(result.error);
    return validationFailed(c, result.target, opts.messages ? opts.messages(c, codes) : codes);
  };
}

// Route middleware of every JSON-body route, before its schema runs: 415 for another
// content type, 400 for malformed JSON or a body that is not an object.
export function jsonObject(): MiddlewareHandler {
  return async function jsonObjectBody(c, next) {
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    await next();
  };
}
