import { heldoutPath, loadHeldout, scoreHeldout } from './heldout.ts';

// npm run eval:tone:heldout [-- heldout2] -- the detector on a held-out set (default: the first,
// tone-heldout.jsonl; "heldout2" reads tone-heldout2.jsonl): accuracy, confusion matrices, each miss.
const name = process.argv[2] ?? 'heldout';
const path = heldoutPath(name);
const s = scoreHeldout(loadHeldout(path));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f = s.formality.confusion;
const l = s.length.confusion;
console.log(`held-out tone set ${name} (${path.split('/').pop()}): ${s.total} messages`);
console.log(`formal vs casual: ${s.formality.correct}/${s.total} right = ${pct(s.formality.accuracy)}`);
console.log(`  (labels given without hesitation: ${s.sure.correct}/${s.sure.total} = ${pct(s.sure.accuracy)})`);
console.log('  labelled \\ read   formal  casual');
console.log(`  formal           ${String(f.formal.formal).padStart(6)}  ${String(f.formal.casual).padStart(6)}`);
console.log(`  casual           ${String(f.casual.formal).padStart(6)}  ${String(f.casual.casual).padStart(6)}`);
console.log(`short vs long: ${s.length.correct}/${s.total} right = ${pct(s.length.accuracy)}`);
console.log('  labelled \\ read   short    long');
console.log(`  short            ${String(l.short.short).padStart(6)}  ${String(l.short.long).padStart(6)}`);
console.log(`  long             ${String(l.long.short).padStart(6)}  ${String(l.long.long).padStart(6)}`);
for (const m of s.misses) console.log(`  miss ${m.id}: labelled ${m.label}, read ${m.got} (score ${m.score}; ${m.cues.join('; ')}): ${JSON.stringify(m.text)}`);
