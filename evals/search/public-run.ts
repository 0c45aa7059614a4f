import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalEmbedder } from '../../core/embeddings/index.ts';
import { semanticEmbedderIfBuilt } from './embedders.ts';
import { runPublicSet } from './public-set.ts';

// `npx tsx evals/search/public-run.ts [DATA_DIR]`: only the AMI/QMSum part of eval:search (no demo store needed).
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(process.argv[2] ?? path.join(here, '../../../shared/data'));
const semantic = await semanticEmbedderIfBuilt();
for (const line of await runPublicSet(dataDir, [createLocalEmbedder(), ...(semantic ? [semantic] : [])])) console.log(line);
