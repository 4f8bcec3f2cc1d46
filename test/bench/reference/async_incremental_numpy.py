"""Expert reference (issue 14): asynchronous updates of a dense associative memory that keep the
overlaps h^mu = xi^mu . s incrementally, as an expert would write it in NumPy: O(M) vectorised
work per update, no recomputation. Per update of neuron i (Eq. 12, no self-connection, A = 1):
field = xi_i . k(h - xi_i s_i); after a flip h += 2 s_i(new) xi_i. Patterns are stored
neuron-major (N x M, each xi_i contiguous). Kernel: (h + 1)^3 (polynomial, degree 3, c = 1).

usage: python3 async_incremental_numpy.py PATTERNS.bin M N STATE.bin UPDATES SEED
prints: {"seconds": median of 3 runs, "updates": ..., "flips": ...}
"""
import json
import sys
import time

import numpy as np


def run(T, s0, order):
    s = s0.copy()
    h = T.T @ s  # overlaps, length M
    flips = 0
    for i in order:
        ti = T[i]
        u = h - ti * s[i]
        u += 1.0
        field = ti @ (u * u * u)
        new = 1.0 if field >= 0 else -1.0
        if new != s[i]:
            s[i] = new
            h += (2.0 * new) * ti
            flips += 1
    return flips


def main() -> None:
    path, m, n, state_path, updates, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
    X = np.fromfile(path, dtype=np.int8).reshape(m, n).astype(np.float64)
    T = np.ascontiguousarray(X.T)
    s0 = np.fromfile(state_path, dtype=np.int8).astype(np.float64)
    order = np.random.default_rng(seed).integers(0, n, size=updates)
    run(T, s0, order[: min(updates, 200)])
    times = []
    flips = 0
    for _ in range(3):
        t0 = time.perf_counter()
        flips = run(T, s0, order)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(json.dumps({"seconds": times[1], "updates": updates, "flips": flips}))


if __name__ == "__main__":
    main()
