import sys
sys.path.insert(0, '/work/main/.tmp/signals')
import common
import labels_a, labels_b, labels_c
bad = common.write('/work/main/evals/datasets/signals.jsonl')
from collections import Counter
print(len(common.ITEMS), Counter(i['split'] for i in common.ITEMS), Counter(i['source'].split('/')[0] for i in common.ITEMS))
sys.exit(1 if bad else 0)
