"""Reference: a classical Hopfield network as commonly written in teaching code (NumPy).

Precomputes the N x N Hebbian weight matrix W = X^T X with zero diagonal, then does
asynchronous updates in random order with one dot product per update. Only the update loop is
timed (building W is not), which favours the reference.

usage: python3 hopfield_numpy.py PATTERNS.bin M N STATE.bin UPDATES SEED
prints: {"seconds": ..., "updates": ..., "flips": ...}
"""
import json
import sys
import time

import numpy as np


def main() -> None:
    path, m, n, state_path, updates, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
    X = np.fromfile(path, dtype=np.int8).reshape(m, n).astype(np.float64)
    s = np.fromfile(state_path, dtype=np.int8).astype(np.float64)
    W = X.T @ X
    np.fill_diagonal(W, 0.0)
    rng = np.random.default_rng(seed)
    order = rng.integers(0, n, size=updates)
    flips = 0
    t0 = time.perf_counter()
    for i in order:
        h = W[i] @ s
        new = 1.0 if h >= 0 else -1.0
        if new != s[i]:
            s[i] = new
            flips += 1
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "updates": updates, "flips": flips}))


if __name__ == "__main__":
    main()
