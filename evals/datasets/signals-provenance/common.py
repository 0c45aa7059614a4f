import csv, glob, hashlib, json, re, sys
DATA = '/work/shared/data/'
ITEMS = []

def Q(value, unit, mx=None):
    q = {'value': value, 'unit': unit}
    if mx is not None: q['valueMax'] = mx
    return q

def P(minor, cur, mx=None, per=None):
    p = {'amountMinor': minor, 'currency': cur}
    if mx is not None: p['amountMaxMinor'] = mx
    if per is not None: p['per'] = per
    return p

def D(date, kind='mention'):
    return {'date': date, 'kind': kind}

def A(owner, due=None):
    return {'owner': owner, 'due': due}

def S(source, now, text, q=(), p=(), d=(), m=(), disc=(), comp=(), obj=(), qn=False, sent='neutral', act=(),
      tz=None, speaker=None, participants=None, competitors=None, template=None, split=None):
    ctx = {}
    if tz: ctx['timeZone'] = tz
    if speaker: ctx['speaker'] = speaker
    if participants: ctx['participants'] = list(participants)
    if competitors: ctx['knownCompetitors'] = list(competitors)
    ITEMS.append({'source': source, 'text': text, 'now': now, 'context': ctx, 'expected': {
        'quantities': list(q), 'prices': list(p), 'dates': list(d), 'margins': [{'percent': x} for x in m],
        'discounts': [{'percent': x} for x in disc], 'competitors': list(comp), 'objections': list(obj),
        'questions': qn, 'sentiment': sent, 'actionItems': list(act)}, '_template': template, '_split': split})

ws = lambda s: re.sub(r'\s+', ' ', s).strip()
_cache = {}
def corpus(source):
    path, _, frag = source.partition('#')
    key = source if ('ami_' in path or 'flattened' in path) else path
    if key in _cache: return _cache[key]
    if 'flattened' in path:
        csv.field_size_limit(10**9)
        rows = {r['id']: r['message'] for r in csv.DictReader(open(DATA + path))}
        txt = rows[frag.split('=')[1]]
    elif 'ami_' in path:
        d = json.load(open(DATA + path))
        turn = d['meeting_transcripts'][int(frag.split('=')[1])]['content']
        txt = re.sub(r'\{\w+\}', '', turn)
    elif path.startswith('db/seed'):
        txt = open('/work/main/' + path).read()
    else:
        txt = open(DATA + path, encoding='utf-8', errors='replace').read()
    _cache[key] = ws(txt) + ' || ' + ws(txt.replace(' > ', ' ').replace('>', ' '))
    return _cache[key]

def seed_ok(item):
    src = open('/work/main/' + item['source'].split('#')[0]).read()
    for m in re.finditer(r"(?:(?<=\[)|(?<=, )|(?<=^  )|(?<=^    ))'(.*?)'(?=,|\]|$)", src, re.M):
        tpl = m.group(1)
        rx = re.escape(tpl)
        rx = re.sub(r'\\\{\w+\\\}', '.+?', rx)
        if re.search(rx, item['text']) or re.fullmatch(rx, item['text']):
            return True
        # the item may be one sentence of a multi-sentence template
        for part in re.split(r'(?<=[.?!]) ', tpl):
            prx = re.sub(r'\\\{\w+\\\}', '.+?', re.escape(part))
            if re.fullmatch(prx, item['text']):
                return True
    return False

def write(out):
    bad = []
    for i, it in enumerate(ITEMS):
        it['id'] = f'sig-{i + 1:03d}'
        h = int(hashlib.sha1(it['id'].encode()).hexdigest(), 16) % 10
        it['split'] = it['_split'] or ('dev' if h < 6 else 'test')
        ok = seed_ok(it) if it['source'].startswith('db/seed') else ws(it['text']) in corpus(it['source'])
        if not ok: bad.append((it['id'], it['source'], it['text']))
    for b in bad: print('NOT FOUND', b, file=sys.stderr)
    with open(out, 'w') as f:
        for it in ITEMS:
            row = {k: it[k] for k in ('id', 'split', 'source', 'text', 'now', 'context', 'expected')}
            f.write(json.dumps(row, ensure_ascii=False) + '\n')
    return bad
