# Oracle values of MetricTest.compute_prAuc_matchesScikitLearn (scikit-learn 1.9.1, Python 3).
from sklearn.metrics import average_precision_score as ap
print(repr(ap([1,0,1,1,0,0,1,0,0,0,1,0], [0.9,0.8,0.8,0.7,0.6,0.6,0.6,0.3,0.2,0.2,0.1,0.05])))  # 0.6885281385281385
print(repr(ap([0,0,1,1], [0.1,0.4,0.35,0.8])))  # 0.8333333333333333 (the example in sklearn's documentation)
