// The web's wire types are generated from the OpenAPI document; this fails while the committed copies
// (packages/web/src/wire/openapi.json and api.ts) differ from what the current route schemas produce.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { generateWire, WIRE_COMMAND, WIRE_DIR } from '../scripts/wire.ts';

test('the generated web wire types are current', { timeout: 120_000 }, async () => {
  const fresh = await generateWire();
  for (const [file, text] of [
    ['openapi.json', fresh.openapi],
    ['api.ts', fresh.api],
  ] as const) {
    const committed = fs.readFileSync(path.join(WIRE_DIR, file), 'utf8');
    expect(committed === text, `packages/web/src/wire/${file} is stale: run \`${WIRE_COMMAND}\``).toBe(true);
  }
});

test('every operation answers errors with the shared ErrorBody', async () => {
  const doc = JSON.parse(fs.readFileSync(path.join(WIRE_DIR, 'openapi.json'), 'utf8'));
  expect(doc.components.schemas.ErrorBody).toBeDefined();
});

test('every operation declares its success response and no request body is a free-form object', () => {
  const doc = JSON.parse(fs.readFileSync(path.join(WIRE_DIR, 'openapi.json'), 'utf8'));
  const problems: string[] = [];
  for (const [url, operations] of Object.entries<Record<string, OpenApiOperation>>(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const success = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
      if (!success.some(([code, r]) => code === '204' || r.content)) problems.push(`${method} ${url}: no 2xx schema`);
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body?.type === 'object' && !body.properties && body.additionalProperties) {
        problems.push(`${method} ${url}: free-form body`);
      }
    }
  }
  expect(problems).toEqual([]);
});

interface OpenApiOperation {
  responses?: Record<string, { content?: unknown }>;
  requestBody?: {
    content?: Record<string, { schema?: { type?: string; properties?: unknown; additionalProperties?: unknown } }>;
  };
}
