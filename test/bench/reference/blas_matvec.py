"""Reference (issue 14): the roofline anchors of an asynchronous sweep. Times one BLAS
matrix-vector product X @ s of the sweep's size (M x N float64, one OpenBLAS thread) and the
machine's memory bandwidth (a 256 MiB float64 array copied with np.copyto: read + write bytes
over the time), each the median of repeated runs.

usage: python3 blas_matvec.py M N
prints: {"matvecSeconds": ..., "bandwidthGBs": ...}
"""
import json
import sys
import time

import numpy as np


def median_time(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main() -> None:
    m, n = int(sys.argv[1]), int(sys.argv[2])
    rng = np.random.default_rng(1)
    X = rng.choice([-1.0, 1.0], size=(m, n))
    s = rng.choice([-1.0, 1.0], size=n)
    matvec = median_time(lambda: X @ s, 51)
    a = np.ones(32 * 1024 * 1024)
    b = np.empty_like(a)
    copy = median_time(lambda: np.copyto(b, a), 7)
    print(json.dumps({"matvecSeconds": matvec, "bandwidthGBs": 2 * a.nbytes / copy / 1e9}))


if __name__ == "__main__":
    main()
