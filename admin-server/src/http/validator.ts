/** Fastify validation through the protocol's validator, so HTTP and import errors read alike. */
import { validationErrors } from '@linli/protocol';
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

export const protocolValidatorCompiler: FastifySchemaCompiler<TSchema> =
  ({ schema, httpPart }) =>
  (value) => {
    // Query strings, params and headers arrive as text; convert them to the schema's types first.
    const converted = httpPart === 'body' ? value : Value.Default(schema, Value.Convert(schema, value));
    const details = validationErrors(schema, converted);
    if (details.length === 0) return { value: converted };
    return {
      error: details.map((detail) => ({
        keyword: 'schema',
        instancePath: detail.path === '/' ? '' : detail.path,
        schemaPath: '',
        params: {},
        message: detail.message,
      })),
    };
  };
