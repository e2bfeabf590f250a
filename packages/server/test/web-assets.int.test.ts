// The built web app as the server hands it out: hashed assets cached for good (a reload asks for index.html
// alone), index.html and client-side routes revalidated every time so a new build shows at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './helpers.ts';

let t: TestApp;
let web: string;

beforeAll(async () => {
  web = fs.mkdtempSync(path.join(os.tmpdir(), 'weijian-web-'));
  fs.mkdirSync(path.join(web, 'assets'));
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(web, 'assets', 'index-AbC123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(web, 'favicon.svg'), '<svg/>');
  t = await makeApp('pglite', { WEIJIAN_WEB_DIR: web });
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(web, { recursive: true, force: true });
});

describe('web assets', () => {
  it('caches hashed assets for a year and revalidates the page and other files', async () => {
    const asset = await t.call(null, 'GET', '/assets/index-AbC123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/plans/3', '/favicon.svg']) {
      const r = await t.call(null, 'GET', url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['cache-control'], url).toBe('no-cache');
    }
  });
});
