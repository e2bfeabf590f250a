// One process at a time on an embedded (PGlite) data folder. PGlite has no cross-process locking: a CLI import
// next to a running server writes its own copy of the database files, reports success, and the server never
// sees it. So every `weijian` process that opens the folder first takes `weijian.lock` in it (pid, command,
// and the server's port once it listens), and a second process is refused with who holds it. A lock whose
// process is gone (a crash, kill -9) is taken over. PostgreSQL (DATABASE_URL) needs none of this.
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from '../platform/cli-args.ts';
import type { Config } from '../platform/config.ts';

export const LOCK_FILE = 'weijian.lock';

interface Holder {
  pid: number;
  command: string;
  port?: number;
  startedAt: string;
}

export interface DataDirLock {
  /** Records the port the server listens on, for the message another process gets. */
  setPort(port: number): void;
  release(): void;
}

const NO_LOCK: DataDirLock = { setPort() {}, release() {} };

/** Whether `pid` is a live process that is a weijian one (a pid reused by another program does not hold the lock). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('weijian');
  } catch {
    return true; // no /proc (macOS): trust the pid
  }
}

function refusal(dir: string, file: string, h: Holder): CliError {
  if (h.command === 'serve') {
    const port = h.port ? `，端口 ${h.port}` : '';
    const portEn = h.port ? `, port ${h.port}` : '';
    return new CliError({
      zh: `数据目录 ${dir} 正被运行中的服务器（pid ${h.pid}${port}）使用；请通过该服务器操作或先停止它（若该进程已不是 weijian，删除 ${file} 后重试）`,
      en: `The data directory ${dir} is in use by a running server (pid ${h.pid}${portEn}); work through that server or stop it first (if that process is no longer weijian, delete ${file} and retry)`,
    });
  }
  return new CliError({
    zh: `数据目录 ${dir} 正被另一个 weijian 命令（${h.command}，pid ${h.pid}）使用；请等它结束后重试`,
    en: `The data directory ${dir} is in use by another weijian command (${h.command}, pid ${h.pid}); retry when it has finished`,
  });
}

/**
 * Takes the data folder for this process, or throws a CliError naming the process that has it. Released on
 * `release()` and, whatever happens, when the process exits.
 */
export function lockDataDir(config: Pick<Config, 'dataDir' | 'databaseUrl'>, command: string): DataDirLock {
  if (config.databaseUrl) return NO_LOCK;
  const dir = config.dataDir;
  const file = path.join(dir, LOCK_FILE);
  fs.mkdirSync(dir, { recursive: true });
  const mine: Holder = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      let holder: Holder | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
      } catch {
        holder = null; // half-written or garbage: nobody's
      }
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw refusal(dir, file, holder);
      fs.rmSync(file, { force: true });
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    try {
      const now = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
      if (now.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return {
    setPort(port) {
      if (held) fs.writeFileSync(file, JSON.stringify({ ...mine, port }));
    },
    release,
  };
}
