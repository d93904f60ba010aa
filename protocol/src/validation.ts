/** Validates a value against a schema and turns failures into field-level error details. */
import type { TObject, TSchema, Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { Settings } from 'typebox/system';
import { Value } from 'typebox/value';
import { LinliError, type ErrorCode, type ErrorDetail } from './errors';

// TypeBox reports at most 8 errors by default; an editor fixing an import file wants them all.
Settings.Set({ maxErrors: 200 });

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();

function validatorFor(schema: TSchema) {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = Compile(schema);
    compiled.set(schema, validator);
  }
  return validator;
}

/** Field errors, most specific first; union branches that failed are summarised by their parent. */
export function validationErrors(schema: TSchema, value: unknown, pathPrefix = ''): ErrorDetail[] {
  const validator = validatorFor(schema);
  if (validator.Check(value)) return [];
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const error of validator.Errors(value)) {
    const path = pathPrefix + error.instancePath;
    const message = error.keyword === 'anyOf' ? 'must be one of the allowed values' : error.message;
    if (error.keyword === 'const' && error.schemaPath.includes('anyOf')) continue;
    const key = `${path}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path: path || '/', message });
  }
  return details;
}

/** Returns the value typed by the schema, or throws a coded error naming every bad field. */
export function parseWith<S extends TSchema>(
  schema: S,
  value: unknown,
  code: ErrorCode = 'VALIDATION_FAILED',
): Static<S> {
  const details = validationErrors(schema, value);
  if (details.length > 0) {
    const first = details[0]!;
    throw new LinliError(code, `${first.path}: ${first.message}`, details);
  }
  return value as Static<S>;
}

/**
 * Reads the variables a schema names from an environment: converts text to the schema's types,
 * fills defaults, and throws CONFIG_INVALID naming every bad variable. Empty values count as unset.
 */
export function readEnvironment<S extends TObject>(schema: S, env: Record<string, string | undefined>): Static<S> {
  const present = Object.keys(schema.properties).filter((name) => env[name] !== undefined && env[name] !== '');
  const value = Value.Default(
    schema,
    Value.Convert(schema, Object.fromEntries(present.map((name) => [name, env[name]]))),
  );
  const details = validationErrors(schema, value);
  if (details.length > 0) {
    throw new LinliError(
      'CONFIG_INVALID',
      `Bad environment: ${details.map((d) => `${d.path.slice(1)} ${d.message}`).join('; ')}`,
      details,
    );
  }
  return value as Static<S>;
}
