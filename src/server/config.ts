import path from 'node:path';
import { DEFAULT_DATABASE_URL } from './store/database';

/** Everything the server reads from its environment, in one place (the README lists the same). */
export interface ServerConfig {
  databaseUrl: string;
  port: number;
  host: string;
  rateLimitPerMinute: number;
  staticDir: string;
}

export function readServerConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const rate = Number(env.DOCKET_RATE_LIMIT ?? 1200);
  if (!Number.isFinite(rate) || rate < 1) throw new Error(`DOCKET_RATE_LIMIT must be a positive number of requests per user per minute.`);
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    port,
    host: env.HOST || '127.0.0.1',
    rateLimitPerMinute: rate,
    staticDir: path.resolve(cwd, env.DOCKET_STATIC_DIR || 'dist'),
  };
}
