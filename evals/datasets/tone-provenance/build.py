"""Builds evals/datasets/tone.jsonl from ../shared/data: each row keeps a stable reference to its source
and a short snippet of the text (at most 500 characters), with a formal/casual label given by hand.

How the labels were given (before the detector was written): each whole message was read and asked
"would this wording sit naturally in a letter to a customer's executive?" -> formal; "does it read like
chat between people who know each other (slang, fragments, typos left in, exclamations, lowercase)?"
-> casual. Messages a reader could not call either way with confidence were left out (Enron ids 1, 6,
9, 16, 34, 50 and the forwarded threads).

Run: python3 evals/datasets/tone-provenance/build.py ../shared/data > evals/datasets/tone.jsonl
"""
import csv
import json
import re
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'

ENRON_FORMAL = [2, 4, 7, 11, 12, 15, 18, 21, 23, 25, 29, 38, 39, 40, 41, 43, 45, 46, 47, 48]
ENRON_CASUAL = [3, 5, 8, 22, 37, 44]
CRAIGSLIST_CASUAL = [6312, 731, 159, 2805, 2032, 8915, 4250, 6792, 4178, 177, 8077, 5568, 715, 1683, 2479, 3971]
CRAIGSLIST_FORMAL = [7889]
P4G_CASUAL = [8534, 7155, 8687]
P4G_FORMAL = [1610, 9394]


def enron():
    path = f'{DATA}/enron_emails/enron_sample_flattened.csv'
    out = {}
    for row in csv.DictReader(open(path, encoding='utf-8')):
        body = re.split(r'X-FileName: [^ ]+(?: \([^)]*\))?\.(?:pst|nsf)\s*', row['message'], maxsplit=1)[-1]
        # the flattened CSV turned line breaks into runs of spaces: two or more spaces were a break
        out[int(row['id'])] = re.sub(r' {2,}', '\n', body).strip()
    return out


def lines(path, column):
    return list(csv.reader(open(path, encoding='utf-8')))


def emit(i, source, text, label):
    print(json.dumps({'id': f'tone-{i:03d}', 'source': source, 'label': label, 'text': text[:500]}, ensure_ascii=False))


def main():
    n = 0
    e = enron()
    for label, ids in (('formal', ENRON_FORMAL), ('casual', ENRON_CASUAL)):
        for i in ids:
            n += 1
            emit(n, f'enron_emails/enron_sample_flattened.csv#id={i}', e[i], label)
    cl = lines(f'{DATA}/resistance_strategies_resper/craigslistbargain_resistance_annotations.csv', 2)
    for label, ids in (('formal', CRAIGSLIST_FORMAL), ('casual', CRAIGSLIST_CASUAL)):
        for i in ids:
            n += 1
            emit(n, f'resistance_strategies_resper/craigslistbargain_resistance_annotations.csv#row={i}', cl[i][2], label)
    p4g = lines(f'{DATA}/resistance_strategies_resper/persuasion4good_resistance_annotations.csv', 3)
    for label, ids in (('formal', P4G_FORMAL), ('casual', P4G_CASUAL)):
        for i in ids:
            n += 1
            emit(n, f'resistance_strategies_resper/persuasion4good_resistance_annotations.csv#row={i}', p4g[i][3], label)


main()
