# Oracle values of MetricTest.recallAtPrecision_matchesScikitLearnCurve: the largest recall among the points of
# scikit-learn's precision_recall_curve whose precision is at least p (0 when none); Python 3.11, scikit-learn
# 1.2.1 (Debian python3-sklearn). Output: p and the value, per case.
import numpy as np
from sklearn.metrics import precision_recall_curve

def rap(y, s, p):
    precision, recall, _ = precision_recall_curve(y, s)
    ok = precision >= p
    return float(recall[ok].max()) if ok.any() else 0.0

y = [1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0]
s = [0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.3, 0.2, 0.2, 0.1, 0.05]
for p in (0.5, 0.6, 0.7, 0.75, 0.8, 0.95):
    print(p, repr(rap(y, s, p)))

# A rare-event case with ties: 40 rows, 6 positives, scores on a coarse grid.
y2 = [0,0,1,0,0,0,0,0,1,0, 0,0,0,0,0,1,0,0,0,0, 0,1,0,0,0,0,0,0,0,0, 0,0,1,0,0,0,0,1,0,0]
s2 = [0.1,0.2,0.9,0.3,0.1,0.4,0.2,0.1,0.7,0.5, 0.3,0.2,0.1,0.6,0.2,0.7,0.1,0.3,0.4,0.2,
      0.1,0.4,0.2,0.9,0.1,0.3,0.2,0.1,0.5,0.2, 0.6,0.1,0.8,0.2,0.3,0.1,0.2,0.4,0.1,0.2]
for p in (0.3, 0.5, 0.6, 0.9):
    print(p, repr(rap(y2, s2, p)))
