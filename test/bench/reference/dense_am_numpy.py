"""Reference: a dense associative memory (modern Hopfield network) as commonly written (NumPy).

Each asynchronous update recomputes the overlaps of all M patterns with the state and applies
the kernel-form rule of Eq. 12, s_i <- sgn(sum_mu xi_i^mu k(sum_{j != i} xi_j^mu s_j)), with
k(h) = h^3 (polynomial, degree 3) or k(h) = exp(h - max) (exponential, shifted for safety).

usage: python3 dense_am_numpy.py PATTERNS.bin M N STATE.bin UPDATES SEED poly|exp
prints: {"seconds": ..., "updates": ..., "flips": ...}
"""
import json
import sys
import time

import numpy as np


def main() -> None:
    path, m, n, state_path, updates, seed, kernel = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
    X = np.fromfile(path, dtype=np.int8).reshape(m, n).astype(np.float64)
    s = np.fromfile(state_path, dtype=np.int8).astype(np.float64)
    rng = np.random.default_rng(seed)
    order = rng.integers(0, n, size=updates)
    flips = 0
    t0 = time.perf_counter()
    for i in order:
        h = X @ s - X[:, i] * s[i]
        if kernel == "poly":
            k = h ** 3
        else:
            k = np.exp(h - h.max())
        field = X[:, i] @ k
        new = 1.0 if field >= 0 else -1.0
        if new != s[i]:
            s[i] = new
            flips += 1
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "updates": updates, "flips": flips}))


if __name__ == "__main__":
    main()
