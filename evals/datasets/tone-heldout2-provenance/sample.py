"""Draws the candidate messages for tone-heldout2.jsonl (see README.md). Prints them for reading; the
labels are given by hand in build.py. The detector is never run here.

Run: python3 evals/datasets/tone-heldout2-provenance/sample.py ../shared/data
"""
import csv
import json
import mailbox
import random
import re
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'
SEED = 2026  # the first sets used 11 and 1111
HERE = __file__.rsplit('/', 1)[0]


def used_texts():
    seen = set()
    for name in ('tone.jsonl', 'tone-heldout.jsonl'):
        for line in open(f'{HERE}/../{name}', encoding='utf-8'):
            if line.strip():
                seen.add(norm(json.loads(line)['text']))
    return seen


def norm(text):
    return re.sub(r'\s+', ' ', text).strip().lower()[:60]


def words(text):
    return len(text.split())


def chat_rows(path, col, seen, rng, n_short, n_long):
    rows = list(csv.reader(open(path, encoding='utf-8')))
    idx = list(range(1, len(rows)))
    rng.shuffle(idx)
    short, long_ = [], []
    for i in idx:
        t = rows[i][col].strip()
        if norm(t) in seen:
            continue
        if words(t) >= 25 and len(long_) < n_long:
            long_.append((i, t))
        elif 6 <= words(t) < 25 and len(short) < n_short:
            short.append((i, t))
        if len(short) >= n_short and len(long_) >= n_long:
            break
    return short + long_


def parakweet(seen, rng, n):
    lines = open(f'{DATA}/parakweet_email_intent/testSet-qualifiedBatch-fixed.txt', encoding='utf-8', errors='replace').read().splitlines()
    idx = list(range(len(lines)))
    rng.shuffle(idx)
    out = []
    for i in idx:
        t = lines[i].split('\t', 1)[-1].strip()
        if words(t) >= 4 and norm(t) not in seen:
            out.append((i + 1, t))  # 1-based line number
        if len(out) >= n:
            break
    return out


def main():
    seen = used_texts()
    rng = random.Random(SEED)
    for i, t in chat_rows(f'{DATA}/resistance_strategies_resper/craigslistbargain_resistance_annotations.csv', 2, seen, rng, 22, 8):
        print(f'CL {i}\t{t}')
    for i, t in chat_rows(f'{DATA}/resistance_strategies_resper/persuasion4good_resistance_annotations.csv', 3, seen, rng, 22, 8):
        print(f'P4G {i}\t{t}')
    for i, t in parakweet(seen, rng, 40):
        print(f'PK {i}\t{t}')


if __name__ == '__main__':
    main()
