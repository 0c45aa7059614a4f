import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Conventions from ARCHITECTURE.md that a dependency graph cannot see.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAYERS = ['core', 'db', 'tools', 'prompts', 'agents', 'graph', 'server'];

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return name === 'migrations' ? [] : sourceFiles(rel);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [rel] : [];
  });
}

const productFiles = LAYERS.flatMap(sourceFiles);

describe('architecture conventions', () => {
  it('reads process.env only in core/env.ts', () => {
    const offenders = productFiles.filter(
      (file) => file !== path.join('core', 'env.ts') && /process\.env\b/.test(readFileSync(path.join(root, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('never branches on NODE_ENV in product code', () => {
    const offenders = productFiles.filter((file) => /NODE_ENV/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps SQL in db/: no other layer imports drizzle-orm query builders or drivers', () => {
    const offenders = productFiles.filter(
      (file) =>
        !file.startsWith(`db${path.sep}`) &&
        /from ['"](drizzle-orm|pg|@electric-sql\/pglite)(\/[^'"]*)?['"]/.test(readFileSync(path.join(root, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('has no empty catch that throws the cause away', () => {
    const offenders = productFiles.filter((file) => /catch\s*(\([^)]*\))?\s*\{\s*\}/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('finds the product files it checks', () => {
    expect(productFiles.length).toBeGreaterThan(20);
  });
});
