import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { confidentialityTasks } from './gen-confidential.ts';
import { objectionTasks } from './gen-objections.ts';
import { pipelineTasks } from './gen-pipeline.ts';
import { priorityTasks } from './gen-priority.ts';
import { qualificationTasks } from './gen-qualification.ts';
import { stageTasks } from './gen-stage.ts';
import type { CrmTask } from './task.ts';

// Every CRM task, generated from the demo org by the templates and rules in the gen-*.ts files (written
// before any run); the same store always gives the same tasks, in the same order, with the same hash.

export async function generateTasks(db: Db): Promise<{ tasks: CrmTask[]; sha256: string }> {
  const tasks = [
    ...(await qualificationTasks(db)),
    ...(await stageTasks(db)),
    ...(await priorityTasks(db)),
    ...(await objectionTasks(db)),
    ...(await pipelineTasks(db)),
    ...(await confidentialityTasks(db)),
  ];
  const sha256 = createHash('sha256').update(tasks.map((t) => JSON.stringify(t)).join('\n')).digest('hex');
  return { tasks, sha256 };
}
