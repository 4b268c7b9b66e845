import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const MAIN = join(__dirname, '../../apps/api/src/main.js');

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:<port>/api */
  base: string;
  /** Seconds from spawn to listening (the read models have caught up by then). */
  startSeconds: number;
  stop: () => Promise<number | null>;
}

/** Starts the built server on a free loopback port, as `npm run start:prod` would. */
export function startServer(env: Record<string, string>, timeoutMs = 180_000): Promise<RunningServer> {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', ...env },
    // Request logs (JSON lines at info) go to /dev/null: written, as in production, but not kept.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs / 1000} s: ${stderr}`));
    }, timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = stderr.match(/listening on http:\/\/localhost:(\d+)\/api/);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        pid: child.pid!,
        base: `http://127.0.0.1:${match[1]}/api`,
        startSeconds: (Date.now() - started) / 1000,
        stop: async () => {
          child.kill('SIGTERM');
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          const code = await exited;
          clearTimeout(kill);
          return code;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}: ${stderr}`));
    });
  });
}

/** Resident and peak memory of a process, in MiB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
