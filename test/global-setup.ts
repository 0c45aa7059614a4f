import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildMigratedTemplate, MIGRATED_FILE, TEMPLATE_DIR_KEY, writeTemplate } from './helpers/templates.ts';

// Runs once per `vitest run`, in the main process: migrates one empty PGlite, dumps it into a folder of
// its own and hands the folder to the workers. Seeded demo-org templates land in the same folder the
// first time a test asks for one (test/helpers/demo.ts); the folder goes when the run ends.

declare module 'vitest' {
  export interface ProvidedContext {
    [TEMPLATE_DIR_KEY]: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dealwise-vitest-'));
  await writeTemplate(path.join(dir, MIGRATED_FILE), await buildMigratedTemplate());
  project.provide(TEMPLATE_DIR_KEY, dir);
  return () => rm(dir, { recursive: true, force: true });
}
