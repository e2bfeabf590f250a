// Creates the demo city once for the whole end-to-end run: a server is started on an empty data directory
// (it generates the demo), then stopped cleanly, and the directory becomes the template every test file's
// server copies (harness.ts). Generating the demo takes about a minute; copying it, a second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnServer } from './tests/harness.ts';

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weijian-e2e-demo-'));
  const server = await spawnServer(dir, 300_000, { removeData: false });
  await server.stop();
  project.provide('demoTemplate', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
