/**
 * Ingest benchmark: how many durable tracks per second the real server takes, and at what
 * latency, against the raw single-row commit rate of the same disk.
 *
 *   npm run bench:ingest -- [--seconds 10] [--warmup 2] [--clients 64] [--users 200]
 *                           [--client http|fetch] [--engine sqlite|postgres] [--postgres-url URL]
 *                           [--cpu-prof] [--keep]
 *
 * The server runs as a child process (`node bin/docket.js serve --http`) on a fresh database;
 * the client shares the machine with it, so it only replays pre-serialized bodies.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchUsers } from './ingest/bench-users';
import { CLIENT_KINDS, type ClientKind, createClient } from './ingest/http-clients';
import { driveLoad, driveOpenLoad } from './ingest/load';
import { freshPostgresDatabase } from './ingest/postgres-database';
import { postgresRawCommitsPerSecond, sqliteRawCommitsPerSecond } from './ingest/raw-commit';
import { startServerProcess } from './ingest/server-process';
import { trackTemplate } from './ingest/track-body';

const TARGET = { tracksPerSecond: 1000, p99Ms: 100 };
const RAW_COMMIT_MS = 3000;

interface Options {
  seconds: number;
  warmup: number;
  clients: number;
  /** Open loop at this many tracks/s; null: closed loop with `clients` loops (saturation). */
  rate: number | null;
  users: number;
  client: ClientKind;
  engine: 'sqlite' | 'postgres';
  postgresUrl?: string;
  cpuProf: boolean;
  keep: boolean;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      clients: { type: 'string', default: '64' },
      rate: { type: 'string' },
      users: { type: 'string', default: '200' },
      client: { type: 'string', default: 'http' },
      engine: { type: 'string', default: 'sqlite' },
      'postgres-url': { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const positive = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${value}"`);
    return n;
  };
  if (!(CLIENT_KINDS as readonly string[]).includes(values.client)) throw new Error(`--client is one of ${CLIENT_KINDS.join(', ')}`);
  if (values.engine !== 'sqlite' && values.engine !== 'postgres') throw new Error('--engine is sqlite or postgres');
  return {
    seconds: positive('seconds', values.seconds),
    warmup: Number(values.warmup),
    clients: Math.round(positive('clients', values.clients)),
    rate: values.rate === undefined ? null : positive('rate', values.rate),
    users: Math.round(positive('users', values.users)),
    client: values.client as ClientKind,
    engine: values.engine,
    postgresUrl: values['postgres-url'] ?? process.env.DOCKET_TEST_POSTGRES_URL,
    cpuProf: values['cpu-prof'],
    keep: values.keep,
  };
}

function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const pctOf = (share: number) => `${Math.round(share * 100)} %`;

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docket-bench-'));
  const resultsDir = path.resolve(__dirname, 'results');
  const profileDir = path.join(resultsDir, 'profiles');
  fs.mkdirSync(resultsDir, { recursive: true });

  const postgres = options.engine === 'postgres' ? await freshPostgresDatabase(options.postgresUrl) : null;
  const databaseUrl = postgres ? postgres.url : path.join(workDir, 'docket.db');
  process.stderr.write(`bench: ${options.engine} (${postgres ? postgres.describe : databaseUrl}); creating ${options.users} users…\n`);
  const tokens = await createBenchUsers(databaseUrl, options.users);
  const server = await startServerProcess({ databaseUrl, cpuProfileDir: options.cpuProf ? profileDir : undefined });
  const client = createClient(options.client, server.origin, options.clients);
  process.stderr.write(`bench: server pid ${server.pid} on ${server.origin}; ${options.clients} ${options.client} clients, ${options.warmup} s warm-up, ${options.seconds} s measured\n`);

  const cpu = {
    serverStart: { user: 0, system: 0 },
    serverEnd: { user: 0, system: 0 },
    clientStart: process.cpuUsage(),
    clientEnd: process.cpuUsage(),
    threadStart: { onCpu: 0, waitingForCpu: 0 },
    threadEnd: { onCpu: 0, waitingForCpu: 0 },
  };
  let load;
  try {
    load = await (options.rate ? (o: Parameters<typeof driveLoad>[0]) => driveOpenLoad({ ...o, rate: options.rate! }) : driveLoad)({
      client,
      clients: options.clients,
      warmupMs: options.warmup * 1000,
      measureMs: options.seconds * 1000,
      template: trackTemplate(randomBytes(4).toString('hex')),
      tokens,
      onWindow(edge) {
        if (edge === 'start') {
          cpu.serverStart = server.cpuSeconds();
          cpu.threadStart = server.mainThreadSeconds();
          cpu.clientStart = process.cpuUsage();
        } else {
          cpu.serverEnd = server.cpuSeconds();
          cpu.threadEnd = server.mainThreadSeconds();
          cpu.clientEnd = process.cpuUsage(cpu.clientStart);
        }
      },
    });
  } finally {
    await client.close();
    await server.stop();
  }

  process.stderr.write('bench: measuring raw single-row commits…\n');
  const rawSqlite = sqliteRawCommitsPerSecond(workDir, RAW_COMMIT_MS);
  const rawPostgres = postgres ? await postgresRawCommitsPerSecond(postgres.url, RAW_COMMIT_MS) : null;
  if (postgres) await postgres.dispose();
  if (!options.keep) fs.rmSync(workDir, { recursive: true, force: true });

  const tracksPerSecond = load.completed / (load.windowMs / 1000);
  const latency = load.latency.summary();
  const serverUser = (cpu.serverEnd.user - cpu.serverStart.user) / options.seconds;
  const serverSystem = (cpu.serverEnd.system - cpu.serverStart.system) / options.seconds;
  const serverCpu = serverUser + serverSystem;
  const clientCpu = (cpu.clientEnd.user + cpu.clientEnd.system) / 1e6 / options.seconds;
  const loopOnCpu = (cpu.threadEnd.onCpu - cpu.threadStart.onCpu) / options.seconds;
  const loopWaitingForCpu = (cpu.threadEnd.waitingForCpu - cpu.threadStart.waitingForCpu) / options.seconds;
  // Open loop: the server must keep up with the offered rate (within 1 %) at the p99 target.
  const met = options.rate
    ? options.rate >= TARGET.tracksPerSecond && tracksPerSecond >= options.rate * 0.99 && latency.p99 < TARGET.p99Ms && load.errors === 0
    : tracksPerSecond >= TARGET.tracksPerSecond && latency.p99 < TARGET.p99Ms && load.errors === 0;
  const result = {
    engine: options.engine,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}` },
    options: { seconds: options.seconds, warmup: options.warmup, clients: options.clients, rate: options.rate, users: options.users, client: options.client, cpuProf: options.cpuProf },
    tracksPerSecond: round(tracksPerSecond),
    latencyMs: { p50: round(latency.p50, 2), p99: round(latency.p99, 2), max: round(latency.max, 2), mean: round(latency.mean, 2) },
    completedInWindow: load.completed,
    totalRequests: load.totalRequests,
    errors: load.errors,
    errorSamples: load.errorSamples,
    cpuCores: { server: round(serverCpu, 2), serverUser: round(serverUser, 2), serverSystem: round(serverSystem, 2), client: round(clientCpu, 2) },
    /** Server CPU per completed track: unlike tracks/s, it hardly changes when other work shares the machine. */
    serverCpuMsPerTrack: round((serverCpu * options.seconds * 1000) / Math.max(1, load.completed), 3),
    /** Shares of the measured window: the server's event-loop thread running, waiting for a CPU, and neither (blocked on disk or idle). */
    serverEventLoop: {
      onCpu: round(loopOnCpu, 2),
      waitingForCpu: round(loopWaitingForCpu, 2),
      blockedOrIdle: round(Math.max(0, 1 - loopOnCpu - loopWaitingForCpu), 2),
    },
    loadAverageAtEnd: round(os.loadavg()[0]!, 2),
    rawSqliteCommitsPerSecond: round(rawSqlite.perSecond),
    tracksPerRawSqliteCommit: round(tracksPerSecond / rawSqlite.perSecond, 2),
    rawPostgresCommitsPerSecond: rawPostgres ? round(rawPostgres.perSecond) : null,
    tracksPerRawPostgresCommit: rawPostgres ? round(tracksPerSecond / rawPostgres.perSecond, 2) : null,
    target: { ...TARGET, met },
  };
  const file = path.join(resultsDir, `ingest-${options.engine}${options.rate ? `-rate${options.rate}` : ''}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  const rows: Array<[string, string]> = [
    ['engine / client', `${options.engine} / ${options.client} × ${options.clients}, ${options.users} users, ${options.rate ? `open loop at ${options.rate} tracks/s` : 'closed loop (saturation)'}`],
    ['tracks/s', `${result.tracksPerSecond}  (${load.completed} in ${options.seconds} s)`],
    ['latency p50 / p99 / max', `${result.latencyMs.p50} / ${result.latencyMs.p99} / ${result.latencyMs.max} ms`],
    ['errors', `${load.errors}${load.errorSamples.length ? `  e.g. ${load.errorSamples.join('; ')}` : ''}`],
    ['CPU cores used', `server ${result.cpuCores.server} (user ${result.cpuCores.serverUser}, kernel ${result.cpuCores.serverSystem}), client ${result.cpuCores.client} (of ${result.machine.cpus}); load average ${result.loadAverageAtEnd}`],
    ['server CPU per track', `${result.serverCpuMsPerTrack} ms  (one core at 100 %: ${Math.round(1000 / result.serverCpuMsPerTrack)} tracks/s)`],
    [
      'server event loop',
      `on CPU ${pctOf(loopOnCpu)}, waiting for a CPU ${pctOf(loopWaitingForCpu)}, blocked on disk or idle ${pctOf(result.serverEventLoop.blockedOrIdle)}`,
    ],
    ['raw SQLite commits/s', `${result.rawSqliteCommitsPerSecond}  (WAL, synchronous=FULL, 1 row per transaction)`],
    ['tracks per raw SQLite commit', String(result.tracksPerRawSqliteCommit)],
  ];
  if (rawPostgres) {
    rows.push(['raw PostgreSQL commits/s', `${result.rawPostgresCommitsPerSecond}  (1 connection, 1 row per transaction)`]);
    rows.push(['tracks per raw PG commit', String(result.tracksPerRawPostgresCommit)]);
  }
  rows.push(['target', `≥ ${TARGET.tracksPerSecond} tracks/s, p99 < ${TARGET.p99Ms} ms, 0 errors: ${met ? 'met' : 'MISSED'}`]);
  process.stdout.write(`\nDocket ingest benchmark\n${table(rows)}\n  written to ${path.relative(process.cwd(), file)}\n`);
  if (options.cpuProf) process.stdout.write(`  server CPU profile in ${path.relative(process.cwd(), profileDir)}\n`);
  return load.errors === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
