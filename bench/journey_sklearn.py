"""pandas + scikit-learn side of bench/journey.bench.ts: the analyst's journey on the same customer file, step by step.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/journey_sklearn.py FILE.csv PLAN.json OUT.csv

PLAN.json is the page's default recipe for this file as computed by the engine (features, the columns it log1p's,
median imputation, z-scores, k range, restarts, seed) and the page's silhouette sampling (repeats × sample size).
Each step mirrors the page's: read_csv; a profile of every column (describe, missing, distinct); the same
preparation; KMeans for each k with the same number of k-means++ restarts (scikit-learn's default Lloyd, tol 1e-4,
max_iter 300) at scikit-learn's default thread count; silhouette_score on the same number of seeded samples of the
same size; PCA to two components; segment profiles (sizes, feature means, the most common category); to_csv of
every row with its segment. Prints threadpoolctl's view of the native kernels, then one JSON object (seconds per
step) on its last line.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_info


def main():
    path, plan_path, out_path = sys.argv[1:4]
    with open(plan_path) as f:
        plan = json.load(f)
    for lib in threadpool_info():
        print(f"threadpool: {lib.get('internal_api')} {lib.get('version')} {lib.get('architecture', '')} threads={lib.get('num_threads')}", flush=True)
    times = {}

    def step(name, fn):
        t = time.perf_counter()
        out = fn()
        times[name] = time.perf_counter() - t
        print(f"{name}: {times[name]:.2f} s", flush=True)
        return out

    df = step("load", lambda: pd.read_csv(path))

    def profile():
        desc = df.describe(include="all")
        return desc, df.isna().sum(), df.nunique()

    step("profile", profile)
    features = plan["features"]

    def prepare():
        X = df[features].astype("float64")
        X = X.fillna(X.median())
        for c in plan["log1p"]:
            X[c] = np.log1p(X[c])
        X = (X - X.mean()) / X.std(ddof=0)
        return np.ascontiguousarray(X.to_numpy())

    X = step("prepare", prepare)
    k_lo, k_hi = plan["kRange"]
    labels = {}
    inertia = {}

    def sweep():
        for k in range(k_lo, k_hi + 1):
            km = KMeans(n_clusters=k, n_init=plan["nInit"], max_iter=plan["maxIter"], tol=plan["tol"], random_state=plan["seed"] + k)
            labels[k] = km.fit_predict(X)
            inertia[k] = km.inertia_

    step("kmeans_sweep", sweep)
    sil = {}

    def metrics():
        for k in labels:
            sil[k] = float(np.mean([silhouette_score(X, labels[k], sample_size=plan["silhouetteSample"], random_state=r) for r in range(plan["silhouetteRepeats"])]))

    step("metrics", metrics)
    step("pca", lambda: PCA(n_components=2, random_state=0).fit_transform(X))
    best = max(sil, key=sil.get)
    df["segment"] = labels[best]

    def personas():
        g = df.groupby("segment")
        cats = [c for c in df.columns if df[c].dtype == object and c != plan.get("idColumn")]
        return g.size(), g[features].mean(), {c: g[c].agg(lambda s: s.mode().iat[0]) for c in cats}

    step("personas", personas)
    step("export", lambda: df.to_csv(out_path, index=False))
    print(f"chosen k (highest sampled silhouette): {best}; silhouettes {', '.join(f'{k}: {v:.3f}' for k, v in sil.items())}", flush=True)
    print(json.dumps({"sklearn": sklearn.__version__, "pandas": pd.__version__, "seconds": times}))


if __name__ == "__main__":
    main()
