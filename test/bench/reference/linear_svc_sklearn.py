"""Reference (issue 14): liblinear's dual coordinate descent (scikit-learn LinearSVC, hinge loss,
no intercept, C = 1e3, tol 1e-6) on every neuron's local problem of a recurrent network: neuron i
learns y = X[:, i] from X without column i. The anchor for max-margin training of linear neurons
without bias. Prints the total fit time and, per neuron, the geometric margin min y (w . x) / |w|.

usage: python3 linear_svc_sklearn.py PATTERNS.bin M N
prints: {"seconds": ..., "margins": [...]}
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.svm import LinearSVC


def main() -> None:
    warnings.filterwarnings("ignore")
    path, m, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    X = np.fromfile(path, dtype=np.int8).reshape(m, n).astype(np.float64)
    margins = []
    seconds = 0.0
    for i in range(n):
        y = X[:, i]
        Z = np.ascontiguousarray(np.delete(X, i, axis=1))
        t0 = time.perf_counter()
        w = LinearSVC(loss="hinge", dual=True, fit_intercept=False, C=1e3, tol=1e-6, max_iter=200000).fit(Z, y).coef_[0]
        seconds += time.perf_counter() - t0
        margins.append(float(np.min(y * (Z @ w)) / np.linalg.norm(w)))
    print(json.dumps({"seconds": seconds, "margins": margins}))


if __name__ == "__main__":
    main()
