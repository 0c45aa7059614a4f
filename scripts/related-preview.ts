import { relatedWords } from '../core/embeddings/related-words.ts';
import { DEMO_QUESTIONS } from '../evals/search/demo-topics.ts';

// `npx tsx scripts/related-preview.ts`: the related words the full-text ranking adds for each DEV demo question.
for (const q of DEMO_QUESTIONS.filter((d) => !d.heldOut).slice(0, Number(process.argv[2] ?? 30))) {
  console.log(`${q.question}: ${relatedWords(q.question).map((r) => `${r.word} ${r.similarity.toFixed(2)}`).join(', ')}`);
}
