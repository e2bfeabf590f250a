// The module contract, checked on the source: a context's SQL names only the tables its own migrations
// create, a context reaches another only through that context's index.ts, the platform imports no context,
// and the server's imports have no cycle. Pure file reading: no database.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '../src');
/** Contexts: folders with an index.ts module and (usually) migrations. */
const CONTEXTS = fs
  .readdirSync(SRC)
  .filter((d) => fs.existsSync(path.join(SRC, d, 'index.ts')))
  .sort();
/** The app layer above the contexts: it may use any context, but only through its index.ts, and owns no table. */
const APP_LAYER = ['app.ts', 'cli', 'demo'];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const FILES = walk(SRC);
const rel = (p: string) => path.relative(SRC, p);
/** 'registry' for registry/…, 'platform', or the app layer's own name. */
const ownerOf = (file: string) => rel(file).split(path.sep)[0]!;

function tablesCreatedIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .flatMap((f) =>
      [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/create table (?:if not exists )?([a-z_]+)/gi)].map((m) =>
        m[1]!.toLowerCase(),
      ),
    );
}

const OWNED = new Map<string, string>(); // table → owner
for (const owner of [...CONTEXTS, 'platform'])
  for (const t of tablesCreatedIn(path.join(SRC, owner, 'migrations'))) OWNED.set(t, owner);
OWNED.set('schema_migrations', 'platform');

const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** SQL that names a table: from/join/into/update/delete from/table (and the copy and truncate forms). */
function tablesNamedIn(code: string): Set<string> {
  const found = new Set<string>();
  for (const m of code.matchAll(/\b(?:from|join|into|update|table|truncate|analyze|copy)\s+([a-z_][a-z0-9_]*)/gi)) {
    const t = m[1]!.toLowerCase();
    if (OWNED.has(t)) found.add(t);
  }
  return found;
}

function importsOf(file: string): string[] {
  const code = stripComments(fs.readFileSync(file, 'utf8'));
  const specs = [...code.matchAll(/(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  specs.push(...[...code.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!));
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s));
}

describe('module boundaries', () => {
  it('finds the contexts and who owns each table', () => {
    expect(CONTEXTS).toEqual(expect.arrayContaining(['identity', 'planning', 'registry', 'surveillance']));
    expect(OWNED.get('institutions')).toBe('registry');
    expect(OWNED.get('users')).toBe('identity');
    expect(OWNED.get('case_reports')).toBe('surveillance');
    expect(OWNED.get('audit_log')).toBe('platform');
  });

  it("no context's SQL names a table another context owns (the app layer names none)", () => {
    const violations: string[] = [];
    for (const file of FILES) {
      const owner = ownerOf(file);
      const isApp = APP_LAYER.includes(owner);
      for (const t of tablesNamedIn(stripComments(fs.readFileSync(file, 'utf8')))) {
        const tableOwner = OWNED.get(t)!;
        if (isApp || tableOwner !== owner) violations.push(`${rel(file)}: ${t} (owned by ${tableOwner})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('a context imports another context only through its index.ts; the platform imports none', () => {
    const violations: string[] = [];
    for (const file of FILES) {
      const owner = ownerOf(file);
      for (const target of importsOf(file)) {
        const targetOwner = rel(target).split(path.sep)[0]!;
        if (targetOwner === owner || !CONTEXTS.includes(targetOwner)) continue;
        if (owner === 'platform') violations.push(`${rel(file)} → ${rel(target)} (platform imports a context)`);
        else if (rel(target) !== path.join(targetOwner, 'index.ts'))
          violations.push(`${rel(file)} → ${rel(target)} (not ${targetOwner}/index.ts)`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the server has no import cycle', () => {
    const graph = new Map<string, string[]>(
      FILES.map((f) => [f, importsOf(f).filter((t) => FILES.includes(t) && t !== f)]),
    );
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(rel(w));
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const f of FILES) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
