"""Reference: scikit-learn's SVC (precomputed kernel, very large C) on every neuron's local problem.

Neuron i of a recurrent network with M patterns of N bits learns y = X[:, i] from X without
column i, with the linear kernel K_i = X_{-i} X_{-i}^T. Prints the total fit time and, per neuron,
the geometric margin min_mu y_mu f(x_mu) / ||w|| with f = K_i[:, sv] dual + b and
||w||^2 = dual^T K_i[sv, sv] dual (the intercept b is not part of the norm).

usage: python3 svc_sklearn.py PATTERNS.bin M N
prints: {"seconds": ..., "margins": [...]}
"""
import json
import sys
import time

import numpy as np
from sklearn.svm import SVC


def main() -> None:
    path, m, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    X = np.fromfile(path, dtype=np.int8).reshape(m, n).astype(np.float64)
    H = X @ X.T
    margins = []
    seconds = 0.0
    for i in range(n):
        y = X[:, i]
        K = H - np.outer(y, y)
        svc = SVC(kernel="precomputed", C=1e10, tol=1e-6)
        t0 = time.perf_counter()
        svc.fit(K, y)
        seconds += time.perf_counter() - t0
        sv = svc.support_
        dual = svc.dual_coef_[0]
        f = K[:, sv] @ dual + svc.intercept_[0]
        w = np.sqrt(dual @ K[np.ix_(sv, sv)] @ dual)
        margins.append(float(np.min(y * f) / w))
    print(json.dumps({"seconds": seconds, "margins": margins}))


if __name__ == "__main__":
    main()
