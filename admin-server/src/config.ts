/** Admin server configuration, read once from the environment and validated at start-up. */
import Type from 'typebox';
import { Value } from 'typebox/value';
import path from 'node:path';
import { LinliError, validationErrors } from '@linli/protocol';

const Env = Type.Object({
  LINLI_ADMIN_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 7300 }),
  LINLI_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  LINLI_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  LINLI_DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  LINLI_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  LINLI_ENROLLMENT_CODE: Type.Optional(Type.String({ minLength: 4, maxLength: 64 })),
  LINLI_DEMO_CONTENT: Type.Enum(['on', 'off'], { default: 'on' }),
  LINLI_LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], { default: 'info' }),
});

export interface AdminConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  enrollmentCode: string | undefined;
  demoContent: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv): AdminConfig {
  const names = Object.keys(Env.properties);
  const picked = Object.fromEntries(names.filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [name, env[name]]));
  const value = Value.Default(Env, Value.Convert(Env, picked)) as Type.Static<typeof Env>;
  const details = validationErrors(Env, value);
  if (details.length > 0) {
    throw new LinliError('CONFIG_INVALID', `Bad environment: ${details.map((d) => `${d.path.slice(1)} ${d.message}`).join('; ')}`, details);
  }
  return {
    port: value.LINLI_ADMIN_PORT,
    host: value.LINLI_HOST,
    dataDir: path.resolve(value.LINLI_DATA_DIR),
    databaseUrl: value.LINLI_DATABASE_URL,
    adminPassword: value.LINLI_ADMIN_PASSWORD,
    enrollmentCode: value.LINLI_ENROLLMENT_CODE,
    demoContent: value.LINLI_DEMO_CONTENT === 'on',
    logLevel: value.LINLI_LOG_LEVEL,
  };
}
