// Starts the real Weijian server as a child process on a free port with a fresh embedded database and
// the demo city, and opens Debian's Chromium through playwright-core. The demo city is created once per run
// (global-setup.ts) and copied for each test file: each file still owns a fresh database, without paying the
// minute the demo takes to generate.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { inject } from 'vitest';

declare module 'vitest' {
  interface ProvidedContext {
    /** Data directory of a stopped server holding the demo city, copied by each startServer(). */
    demoTemplate: string;
  }
}

export const REPO = path.resolve(import.meta.dirname, '../..');
export const RESULTS = path.join(REPO, 'e2e/test-results');
export const ADMIN_PASSWORD = 'weijian-demo';

export interface Server {
  url: string;
  dataDir: string;
  log: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer(timeoutMs = 280_000): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weijian-e2e-'));
  const template = demoTemplate();
  if (template) fs.cpSync(template, dataDir, { recursive: true });
  return spawnServer(dataDir, timeoutMs, { removeData: true });
}

function demoTemplate(): string | null {
  try {
    const dir = inject('demoTemplate');
    return dir && fs.existsSync(dir) ? dir : null;
  } catch {
    return null; // run without the global setup: the server creates the demo itself
  }
}

/** The server on `dataDir` (the demo created there first when it holds none), once it answers /api/health. */
export async function spawnServer(dataDir: string, timeoutMs: number, o: { removeData: boolean }): Promise<Server> {
  const webIndex = path.join(REPO, 'packages/web/dist/index.html');
  if (!fs.existsSync(webIndex)) {
    throw new Error(`${webIndex} is missing: build the web UI first (npm run build:web)`);
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, WEIJIAN_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL; // always the embedded database: the test owns its data
  delete env.WEIJIAN_ADMIN_PASSWORD;
  delete env.WEIJIAN_MODE;
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(REPO, 'packages/server/bin/weijian.js'), 'serve', '--demo'],
    {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let up = false;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && ((await res.json()) as { status?: string }).status === 'ok') {
        up = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (o.removeData) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  if (!up) {
    await stop();
    throw new Error(`the server did not become healthy within ${timeoutMs} ms:\n${output}`);
  }
  return { url, dataDir, log: () => output, stop };
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `Chromium not found (tried ${candidates.join(', ')}): install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(RESULTS, { recursive: true });
  return path.join(RESULTS, `${name}.png`);
}
