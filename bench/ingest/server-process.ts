import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../test/support/free-port';


const REPO = path.resolve(__dirname, '../..');

export interface ServerProcess {
  origin: string;
  pid: number;
  /** CPU seconds the server has used so far, in user space and in the kernel (sockets, disk), from /proc. */
  cpuSeconds(): { user: number; system: number };
  /**
   * The event-loop thread's time on a CPU and waiting in the run queue for one (from
   * /proc/PID/schedstat): on a shared machine the second says how much other work slowed it.
   */
  mainThreadSeconds(): { onCpu: number; waitingForCpu: number };
  /** SIGTERM, then wait: the CLI closes the store, and `--cpu-prof` writes its profile on that exit. */
  stop(): Promise<void>;
}

/** `node bin/docket.js serve --http --port N`, exactly as an operator starts it. */
export async function startServerProcess(options: { databaseUrl: string; cpuProfileDir?: string }): Promise<ServerProcess> {
  const port = await freePort();
  const nodeFlags = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, path.join(REPO, 'bin/docket.js'), 'serve', '--http', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, DOCKET_RATE_LIMIT: '100000000', DOCKET_LOG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 30_000;
  while (!/is listening on/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the server exited before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not listen within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid!;
  return {
    origin: `http://127.0.0.1:${port}`,
    pid,
    cpuSeconds() {
      // Fields 14 and 15 of /proc/PID/stat are utime and stime in clock ticks (100 per second on Linux).
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
    },
    mainThreadSeconds() {
      const [onCpu, waiting] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
      return { onCpu: onCpu! / 1e9, waitingForCpu: waiting! / 1e9 };
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
