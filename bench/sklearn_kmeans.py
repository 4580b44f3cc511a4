"""scikit-learn side of bench/kmeans.bench.ts: times the same operations on the same files, single-threaded.

Run by the TypeScript bench as
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_kmeans.py bench/.data
It prints one JSON object (milliseconds) on its last line.
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans, kmeans_plusplus
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score


def load(path, cols):
    return np.fromfile(path, dtype="<f8").reshape(-1, cols)


def best_of(f, repeats):
    best = None
    out = None
    for _ in range(repeats):
        t = time.perf_counter()
        out = f()
        ms = (time.perf_counter() - t) * 1000
        best = ms if best is None else min(best, ms)
    return best, out


def lloyd_only(d):
    """Only the Lloyd run from the shared centres on 1M x 8 (for bench/kmeans-browser.bench.ts)."""
    X = load(os.path.join(d, "blobs_1000000x8.f64"), 8)
    init = load(os.path.join(d, "init_1000000x8_k8.f64"), 8)
    ms, km = best_of(lambda: KMeans(8, init=init, n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300).fit(X), 2)
    pp, _ = best_of(lambda: kmeans_plusplus(X, 8, random_state=0), 2)
    print(json.dumps({"lloyd_1m": ms, "pp_1m": pp, "iterations": int(km.n_iter_), "inertia": float(km.inertia_), "sklearn": sklearn.__version__}))


def main():
    d = sys.argv[1]
    if len(sys.argv) > 2 and sys.argv[2] == "lloyd1m":
        lloyd_only(d)
        return
    res = {"sklearn": sklearn.__version__}
    for n, tag, reps in ((100_000, "100k", 3), (1_000_000, "1m", 2)):
        X = load(os.path.join(d, f"blobs_{n}x8.f64"), 8)
        init = load(os.path.join(d, f"init_{n}x8_k8.f64"), 8)
        res[f"pp_{tag}"], _ = best_of(lambda: kmeans_plusplus(X, 8, random_state=0), reps)
        ms, km = best_of(lambda: KMeans(8, init=init, n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300).fit(X), reps)
        res[f"lloyd_{tag}"] = ms
        res[f"lloyd_iters_{tag}"] = int(km.n_iter_)
        res[f"lloyd_inertia_{tag}"] = float(km.inertia_)
        res[f"lloyd_labels_path_{tag}"] = os.path.join(d, f"sk_labels_{tag}.i32")
        km.labels_.astype("<i4").tofile(res[f"lloyd_labels_path_{tag}"])
        if tag == "1m":
            ms, kl = best_of(lambda: KMeans(8, init=init, n_init=1, algorithm="lloyd", tol=0, max_iter=100).fit(X), 1)
            res["long_1m"] = ms
            res["long_1m_inertia"] = float(kl.inertia_)
        # One bare Lloyd iteration (sklearn's private Cython kernel, as _kmeans_single_lloyd calls it).
        try:
            from sklearn.cluster._k_means_lloyd import lloyd_iter_chunked_dense
            Xc = X - X.mean(axis=0)
            c_old = init - X.mean(axis=0)
            c_new = np.zeros_like(c_old)
            sw = np.ones(n)
            w = np.zeros(8)
            lab = np.full(n, -1, dtype=np.int32)
            shift = np.zeros(8)
            res[f"iter_{tag}"], _ = best_of(
                lambda: lloyd_iter_chunked_dense(Xc, sw, c_old, c_new, w, lab, shift, 1), 5)
        except Exception as e:  # private API: report and carry on
            res[f"iter_{tag}_error"] = repr(e)
        if tag == "100k":
            ms, km10 = best_of(lambda: KMeans(8, n_init=10, random_state=0, algorithm="lloyd").fit(X), 1)
            res["full_100k"] = ms
            res["full_100k_inertia"] = float(km10.inertia_)
    S = load(os.path.join(d, "sil_20000x8.f64"), 8)
    labels = np.fromfile(os.path.join(d, "sil_20000_labels.i32"), dtype="<i4")
    res["sil_20k"], res["sil_20k_value"] = best_of(lambda: float(silhouette_score(S, labels)), 1)
    P = load(os.path.join(d, "pca_1000000x10.f64"), 10)
    res["pca_1m"], p = best_of(lambda: PCA(n_components=2, svd_solver="full").fit(P), 1)
    res["pca_1m_ratio"] = [float(v) for v in p.explained_variance_ratio_]
    print(json.dumps(res))


if __name__ == "__main__":
    main()
