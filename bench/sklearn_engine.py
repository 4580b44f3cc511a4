"""SciPy / scikit-learn side of bench/hierarchical.bench.ts, bench/dbscan.bench.ts and bench/gmm.bench.ts.

Run by those benches (single-threaded) as
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_engine.py <task> <args>
with the data file the TypeScript side wrote (little-endian float64, row-major). Prints one JSON object
(times in milliseconds, best of `repeats`) on its last line; results needed for checking go to files beside the data.
"""
import json
import sys
import time

import numpy as np
import scipy
import sklearn


def load(path, cols):
    return np.fromfile(path, dtype="<f8").reshape(-1, cols)


def best_of(f, repeats):
    best, out = None, None
    for _ in range(repeats):
        t = time.perf_counter()
        out = f()
        ms = (time.perf_counter() - t) * 1000
        best = ms if best is None else min(best, ms)
    return best, out


def ward(path, cols, repeats):
    from scipy.cluster.hierarchy import linkage

    X = load(path, cols)
    ms, Z = best_of(lambda: linkage(X, method="ward", metric="euclidean"), repeats)
    Z.astype("<f8").tofile(path + ".scipy_Z")
    return {"ms": ms}


def dbscan(path, cols, eps, min_samples, repeats):
    from sklearn.cluster import DBSCAN

    X = load(path, cols)
    ms, db = best_of(lambda: DBSCAN(eps=eps, min_samples=min_samples).fit(X), repeats)
    db.labels_.astype("<i4").tofile(path + ".sk_labels")
    return {"ms": ms, "clusters": int(db.labels_.max() + 1), "noise": int((db.labels_ < 0).sum())}


def gmm(path, cols, k, iters, repeats):
    from sklearn.mixture import GaussianMixture

    X = load(path, cols)
    init = np.fromfile(path + ".init", dtype="<f8")
    weights = init[:k]
    means = init[k:k + k * cols].reshape(k, cols)
    precisions = init[k + k * cols:].reshape(k, cols, cols)

    def fit():
        # tol=0 runs all `iters` iterations; init_params='random_from_data' keeps sklearn's (overridden)
        # initialisation cheap instead of running a KMeans whose result the *_init arguments discard.
        return GaussianMixture(k, covariance_type="full", weights_init=weights, means_init=means,
                               precisions_init=precisions, max_iter=iters, tol=0.0, init_params="random_from_data",
                               random_state=0).fit(X)

    ms, gm = best_of(fit, repeats)
    return {"ms": ms, "nIter": int(gm.n_iter_), "lowerBound": float(gm.lower_bound_), "score": float(gm.score(X)),
            "bic": float(gm.bic(X))}


def main():
    task, args = sys.argv[1], sys.argv[2:]
    out = {"sklearn": sklearn.__version__, "scipy": scipy.__version__}
    if task == "ward":
        out.update(ward(args[0], int(args[1]), int(args[2])))
    elif task == "dbscan":
        out.update(dbscan(args[0], int(args[1]), float(args[2]), int(args[3]), int(args[4])))
    elif task == "gmm":
        out.update(gmm(args[0], int(args[1]), int(args[2]), int(args[3]), int(args[4])))
    else:
        raise SystemExit(f"unknown task {task}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
