import csv, json, random, re, glob, sys
sys.path.insert(0, '.')
D = '/work/shared/data/'
used = {json.loads(l)['text'] for l in open('/work/main/evals/datasets/signals.jsonl')}
rng = random.Random(20260615)
RICH = re.compile(r'\$|€|£|\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(mon|tues?|wed|thu|fri|sat|sun)[a-z]*day\b|tomorrow|today|next week|percent|%|euro|dollar|pound', re.I)
def sents(t): return [s.strip() for s in re.split(r'(?<=[.?!])\s+(?=[A-Z])', re.sub(r'\s+', ' ', t)) if 15 < len(s.strip()) < 260]
out = []
csv.field_size_limit(10**9)
rows = list(csv.DictReader(open(D + 'enron_emails/enron_sample_flattened.csv')))
pool = []
for r in rows:
    body = r['message'][r['message'].find('X-FileName'):]
    body = re.sub(r'^X-FileName: \S+( \(Non-Privileged\)\.pst)?', '', body)
    for s in sents(body.replace(' > ', ' ')):
        if s not in used and 'Forwarded by' not in s and '@' not in s: pool.append(('csv#id=' + r['id'], s))
rich = [p for p in pool if RICH.search(p[1])]
out += rng.sample(rich, 22) + rng.sample([p for p in pool if p not in rich], 6)
ham = []
for f in sorted(glob.glob(D + 'enron_emails/enron_spam_ham_sample/ham100/*.txt')):
    for s in re.split(r'(?<= [.?!])\s+', re.sub(r'\s+', ' ', open(f).read())):
        s = s.strip()
        if 20 < len(s) < 220 and s not in used and RICH.search(s) and ' - - - ' not in s and '/ hou /' not in s: ham.append(('ham:' + f.split('/')[-1], s))
out += rng.sample(ham, 10)
pk = []
for fn in ['testSet-qualifiedBatch-fixed.txt', 'Ask0729-fixed.txt']:
    for line in open(D + 'parakweet_email_intent/' + fn, encoding='utf-8', errors='replace'):
        lab, _, s = line.rstrip('\n').partition('\t')
        if s and s not in used and len(s) < 240: pk.append(('pk:' + fn + ':' + lab, s))
out += rng.sample([p for p in pk if RICH.search(p[1])], 18) + rng.sample([p for p in pk if not RICH.search(p[1])], 8)
cb = [r for r in csv.reader(open(D + 'resistance_strategies_resper/craigslistbargain_resistance_annotations.csv', encoding='utf-8', errors='replace'))][1:]
cbs = [('cb:' + r[1] + ':' + r[3], s) for r in cb if len(r) > 3 for s in sents(r[2]) if s not in used]
out += rng.sample([p for p in cbs if RICH.search(p[1])], 10) + rng.sample([p for p in cbs if p[0].split(':')[2]], 6)
p4 = list(csv.DictReader(open(D + 'resistance_strategies_resper/persuasion4good_resistance_annotations.csv', encoding='utf-8', errors='replace')))
p4s = [('p4g:' + r['Our Label'], r['Unit']) for r in p4 if r['B4'] == '1' and r['Unit'] not in used and 15 < len(r['Unit']) < 200]
out += rng.sample([p for p in p4s if p[0] not in ('p4g:', 'p4g:not-a-strategy')], 5) + rng.sample(p4s, 3)
ami = []
for f in sorted(glob.glob(D + 'ami_meetings_qmsum/product_test/*.json')):
    d = json.load(open(f))
    for i, t in enumerate(d['meeting_transcripts']):
        c = re.sub(r'\s+', ' ', re.sub(r'\{\w+\}', '', t['content'])).strip()
        if 25 < len(c) < 220 and c not in used: ami.append((f'ami:{f.split("/")[-1][:7]}#{i}:{t["speaker"]}', c))
amir = [a for a in ami if re.search(r'euro|pound|dollar|cent|percent|million|thousand|minutes|hour|week|tomorrow|next meeting|twenty|fifty|hundred|I\'ll|we need to|you have to', a[1], re.I)]
out += rng.sample(amir, 14) + rng.sample(ami, 4)
for i, (src, s) in enumerate(out): print(f'{i:03d}\t{src}\t{s}')
