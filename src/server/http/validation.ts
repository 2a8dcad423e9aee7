import { isUtf8 } from 'node:buffer';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './problem';

/**
 * Two validators: bodies are strict (no type coercion, unknown fields rejected — Fastify's
 * default would silently strip them); query strings and path parameters coerce, since
 * every value arrives as text there.
 */
export function installValidators(app: FastifyInstance): void {
  const base = { allErrors: false, removeAdditional: false as const, useDefaults: true, strict: false };
  const strictAjv = addFormats(new Ajv({ ...base, coerceTypes: false }));
  const coercingAjv = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
    const validate = ajv.compile(schema);
    return httpPart === 'headers' ? validate : refusingUnstorableText(validate);
  });
}

/**
 * JSON bodies only, and only as UTF-8: invalid bytes are a 400, not text silently replaced by
 * U+FFFD; text/plain is a 415 like any other type (Fastify would parse it as a string).
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    // Buffer.isUtf8 checks without decoding; toString then decodes once (a fatal TextDecoder costs more on every track).
    const buffer = body as Buffer;
    if (!isUtf8(buffer)) {
      done(new HttpProblem(400, 'Bad Request', 'The body is not valid UTF-8; send JSON encoded as UTF-8.', { rule: 'invalid-utf8' }), undefined);
      return;
    }
    const text = buffer.toString('utf8');
    parseJson(request, text, done);
  });
}

/**
 * A NUL character or an unpaired surrogate cannot be stored as text (PostgreSQL refuses NUL,
 * both engines would turn a lone surrogate into U+FFFD): refuse them like any invalid value.
 */
function refusingUnstorableText(validate: ValidateFunction): ValidateFunction {
  const check = ((data: unknown) => {
    if (!validate(data)) {
      check.errors = validate.errors;
      return false;
    }
    const instancePath = findUnstorableText(data, '');
    check.errors = instancePath === null ? null : [{ instancePath, keyword: 'unstorableText', schemaPath: '#', params: {}, message: 'must not contain a NUL character or an unpaired surrogate' }];
    return instancePath === null;
  }) as ValidateFunction;
  return check;
}

function findUnstorableText(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || !(value as string & { isWellFormed(): boolean }).isWellFormed() ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = findUnstorableText(item, `${path}/${key}`);
    if (found !== null) return found;
  }
  return null;
}

export function toPointer(error: ErrorObject, part: string): { pointer: string; message: string } {
  const missing = error.keyword === 'required' ? `/${String((error.params as { missingProperty: string }).missingProperty)}` : '';
  const extra = error.keyword === 'additionalProperties' ? `/${String((error.params as { additionalProperty: string }).additionalProperty)}` : '';
  const pointer = `${part === 'body' ? '' : `${part}:`}${error.instancePath}${missing}${extra}` || '/';
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = 'is not a known field';
  if (error.keyword === 'enum') message = `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return { pointer, message };
}
