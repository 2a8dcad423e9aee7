import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

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
    return ajv.compile(schema);
  });
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
