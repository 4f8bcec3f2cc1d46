"""Expert NumPy references for batched recall (issue 14): one synchronous step for Q queries at once,
each as BLAS matrix products (an expert's code, not teaching code).

- poly / exp: a recurrent dense associative memory (Eq. 12 without self-connections): overlaps
  H = S X^T (Q x M), subunit tables A = (k(H - 1) + k(H + 1)) / 2 and B = (k(H - 1) - k(H + 1)) / 2
  (neuron i's own term removed: xi_i s_i = +/-1), fields F = A X + S * B.sum(1), new states sgn(F)
  (+1 at 0). Kernels: poly (h + 1)^3, exp exp(h / T) shifted by its row maximum.
- ff: a feed-forward kernel network with A = 1 (Property 1): F = (S Xin^T + 1)^3 Xout, outputs sgn(F)
  (+1 at 0); extra argument: the output patterns (int8, M x N).
- softmax: the modern Hopfield update s <- X^T softmax(beta X s) (Ramsauer et al. 2021), the softmax
  shifted by each row's maximum: W = softmax(beta S X^T), S' = W X (float64 out); extra argument: beta.

usage: batched_recall_numpy.py patterns.bin M N queries.bin Q kind out.bin [outputs.bin | beta]
Prints JSON {"seconds": median of 3 timed runs (after one warm-up)}; writes the new states (int8, or
float64 for softmax, Q x N) to out.bin so the caller can compare them with kmn's.
"""
import json
import sys
import time

import numpy as np


def step(X, S, kind, extra):
    if kind == 'ff':
        F = (S @ X.T + 1.0) ** 3 @ extra
        return np.where(F >= 0, 1, -1).astype(np.int8)
    if kind == 'softmax':
        L = extra * (S @ X.T)
        W = np.exp(L - L.max(axis=1, keepdims=True))
        W /= W.sum(axis=1, keepdims=True)
        return W @ X
    H = S @ X.T
    if kind == 'poly':
        ks, kd = (H - 1.0 + 1.0) ** 3, (H + 1.0 + 1.0) ** 3
    else:
        T = 0.05 * X.shape[1]
        ls, ld = (H - 1.0) / T, (H + 1.0) / T
        shift = np.maximum(ls.max(axis=1, keepdims=True), ld.max(axis=1, keepdims=True))
        ks, kd = np.exp(ls - shift), np.exp(ld - shift)
    A = 0.5 * (ks + kd)
    B = 0.5 * (ks - kd)
    F = A @ X + S * B.sum(axis=1, keepdims=True)
    return np.where(F >= 0, 1, -1).astype(np.int8)


def main():
    path, m, n, qpath, q, kind, out = sys.argv[1:8]
    m, n, q = int(m), int(n), int(q)
    X = np.fromfile(path, dtype=np.int8).reshape(m, n).astype(np.float64)
    S = np.fromfile(qpath, dtype=np.int8).reshape(q, n).astype(np.float64)
    extra = None
    if kind == 'ff':
        extra = np.fromfile(sys.argv[8], dtype=np.int8).reshape(m, n).astype(np.float64)
    elif kind == 'softmax':
        extra = float(sys.argv[8])
    step(X, S, kind, extra)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        Y = step(X, S, kind, extra)
        times.append(time.perf_counter() - t0)
    Y.tofile(out)
    times.sort()
    print(json.dumps({"seconds": times[1]}))


main()
