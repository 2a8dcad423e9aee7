import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';


const REPOSITORY_ROOT = path.resolve(__dirname, '../../..');
const DOCKET_BIN = path.join(REPOSITORY_ROOT, 'bin', 'docket.js');

/** `docket serve --http` as a real child process, so a test can SIGKILL it like a power cut would. */
export class ServerProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(databaseUrl: string, port: number, timeoutMs = 60_000): Promise<ServerProcess> {
    const child = spawn(process.execPath, [DOCKET_BIN, 'serve', '--http', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, DOCKET_RATE_LIMIT: '1000000', DOCKET_LOG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    await server.waitUntilHealthy(timeoutMs);
    return server;
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** No shutdown, no flush: the process is gone at once, with whatever it had in flight. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await exited;
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`docket serve exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`docket serve was not healthy within ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
