import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../test/free-port';

export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A bench entry (bench/<file>.ts) in its own process, ready once GET /health answers. */
export async function startChild(file: string, databaseUrl: string): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join('bench', file)], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${file} exited with ${child.exitCode}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { url, pid: child.pid!, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`${file} did not start in 30 s`);
}

/** Ids of this process's children whose command line contains `marker` (startServer does not hand out its pid). */
export function childPids(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Resident memory of a process in MB, from /proc/<pid>/status; null when it cannot be read (not Linux, exited). */
export function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 100 ms while running; max() is the peak seen. */
export function rssSampler(pid: number | undefined) {
  let peak: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  const sample = () => {
    const mb = pid ? rssMb(pid) : null;
    if (mb !== null) peak = Math.max(peak ?? 0, mb);
  };
  return {
    start() {
      sample();
      timer = setInterval(sample, 100);
    },
    stop() {
      clearInterval(timer);
      sample();
    },
    max: () => peak,
  };
}
