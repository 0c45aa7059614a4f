"""Builds evals/datasets/tone-heldout2.jsonl: the second held-out tone set (issue 11). The candidates are
drawn by sample.py (seed 2026); each was read and labelled by the rule in README.md before the detector
ran on any of it. Nothing here is in tone.jsonl or tone-heldout.jsonl (checked by text in sample.py).

Run: python3 evals/datasets/tone-heldout2-provenance/build.py ../shared/data > evals/datasets/tone-heldout2.jsonl
"""
import csv
import json
import mailbox
import re
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'

# (row, formality, length, unsure) in the order sample.py printed them
CRAIGSLIST = [
    (4228, 'casual', 'short', False), (7509, 'formal', 'short', False), (7221, 'formal', 'short', False),
    (3255, 'casual', 'short', False), (8845, 'formal', 'short', False), (2146, 'formal', 'short', False),
    (7796, 'casual', 'short', False), (35, 'casual', 'short', False), (8225, 'formal', 'short', False),
    (8629, 'casual', 'short', True), (21, 'casual', 'short', False), (4046, 'casual', 'short', False),
    (6146, 'formal', 'short', True), (427, 'casual', 'short', False), (2157, 'casual', 'short', False),
    (181, 'casual', 'short', True), (2021, 'formal', 'short', True), (8183, 'formal', 'short', False),
    (7920, 'casual', 'short', False), (3772, 'casual', 'short', False), (4954, 'formal', 'short', True),
    (4515, 'casual', 'short', False),
    (5962, 'formal', 'short', True), (6648, 'casual', 'long', False), (5620, 'casual', 'long', False),
    (4810, 'casual', 'long', False), (7885, 'casual', 'short', True), (6935, 'casual', 'short', False),
    (5464, 'casual', 'short', False), (5444, 'casual', 'short', False),
]
P4G = [
    (10280, 'formal', 'short', False), (10252, 'formal', 'short', True), (7652, 'formal', 'short', False),
    (7427, 'formal', 'short', False), (1335, 'formal', 'short', False), (2003, 'formal', 'short', False),
    (9922, 'formal', 'short', False), (2534, 'casual', 'short', False), (3592, 'formal', 'short', True),
    (6035, 'casual', 'short', True), (2415, 'formal', 'short', False), (8774, 'formal', 'short', False),
    (159, 'formal', 'short', True), (9195, 'casual', 'short', False), (1567, 'formal', 'short', False),
    (3516, 'casual', 'short', True), (5444, 'formal', 'short', False), (7223, 'casual', 'short', True),
    (1185, 'casual', 'short', True), (9705, 'casual', 'short', False), (10091, 'casual', 'short', False),
    (4412, 'casual', 'short', False),
    (3541, 'casual', 'long', False), (160, 'casual', 'long', False), (4100, 'formal', 'short', True),
    (7349, 'casual', 'long', False), (5404, 'casual', 'short', True), (2452, 'formal', 'short', True),
    (2954, 'formal', 'short', True), (7049, 'formal', 'short', False),
]
# 1-based line numbers in testSet-qualifiedBatch-fixed.txt
PARAKWEET = [
    (474, 'formal', 'short', True), (853, 'formal', 'short', False), (558, 'casual', 'short', False),
    (542, 'formal', 'short', False), (180, 'formal', 'short', False), (233, 'formal', 'short', True),
    (867, 'casual', 'short', True), (549, 'formal', 'short', False), (313, 'casual', 'short', False),
    (858, 'formal', 'short', False), (410, 'casual', 'short', True), (29, 'formal', 'short', False),
    (866, 'formal', 'short', False), (546, 'formal', 'short', False), (145, 'formal', 'short', False),
    (818, 'formal', 'short', False), (142, 'casual', 'short', True), (59, 'casual', 'short', False),
    (943, 'formal', 'short', False), (66, 'formal', 'short', False), (207, 'formal', 'short', False),
    (645, 'formal', 'short', False), (487, 'formal', 'short', False), (1, 'formal', 'short', False),
    (897, 'formal', 'short', True), (104, 'formal', 'short', False), (243, 'formal', 'short', False),
    (55, 'formal', 'short', False), (795, 'formal', 'short', False), (170, 'formal', 'short', False),
    (3, 'formal', 'short', False), (178, 'formal', 'short', False), (823, 'formal', 'short', False),
]
# left out by reading (README.md): 86 job ad, 577 ad, 136 abstract, 946 unsubscribe notice,
# 873 and 597 ("20" quoted-printable remnants; 597 is also news copy), 692 ("fo r", newsletter ask)

# message index in content-length.mbox.txt (0-based, as Python's mailbox.mbox counts)
MBOX = [
    (7, 'formal', 'long', True), (8, 'formal', 'short', False), (9, 'formal', 'long', False),
    (12, 'casual', 'short', True), (19, 'formal', 'long', False), (24, 'casual', 'long', True),
    (25, 'formal', 'short', False), (26, 'formal', 'short', True),
]


def emit(n, source, text, label, length, unsure):
    print(json.dumps({'id': f'heldout2-{n:03d}', 'source': source, 'label': label, 'length': length, 'unsure': unsure,
                      'text': text[:2000]}, ensure_ascii=False))


def mbox_body(msg):
    for part in msg.walk():
        if part.get_content_type() == 'text/plain':
            body = part.get_payload(decode=True).decode('utf-8', 'replace')
            # the author's own text: the signature block after a dashed rule is cut
            return re.split(r'\n-{5,}\n', body)[0].strip()
    raise ValueError('no text/plain part')


def main():
    n = 0
    cl = list(csv.reader(open(f'{DATA}/resistance_strategies_resper/craigslistbargain_resistance_annotations.csv', encoding='utf-8')))
    for i, label, length, unsure in CRAIGSLIST:
        n += 1
        emit(n, f'resistance_strategies_resper/craigslistbargain_resistance_annotations.csv#row={i}', cl[i][2].strip(), label, length, unsure)
    p4g = list(csv.reader(open(f'{DATA}/resistance_strategies_resper/persuasion4good_resistance_annotations.csv', encoding='utf-8')))
    for i, label, length, unsure in P4G:
        n += 1
        emit(n, f'resistance_strategies_resper/persuasion4good_resistance_annotations.csv#row={i}', p4g[i][3].strip(), label, length, unsure)
    pk = open(f'{DATA}/parakweet_email_intent/testSet-qualifiedBatch-fixed.txt', encoding='utf-8', errors='replace').read().splitlines()
    for i, label, length, unsure in PARAKWEET:
        n += 1
        emit(n, f'parakweet_email_intent/testSet-qualifiedBatch-fixed.txt#line={i}', pk[i - 1].split('\t', 1)[-1].strip(), label, length, unsure)
    box = list(mailbox.mbox(f'{DATA}/email_parsing_fixtures/mimekit_mbox/content-length.mbox.txt'))
    for i, label, length, unsure in MBOX:
        n += 1
        emit(n, f'email_parsing_fixtures/mimekit_mbox/content-length.mbox.txt#message={i}', mbox_body(box[i]), label, length, unsure)


main()
