"""scikit-learn side of bench/metrics.bench.ts: times one metric on data written by the bench (float64 / int32 raw).

    /usr/bin/python3 bench/sklearn_metrics.py TASK X.f64 LABELS.i32 COLS [SAMPLE REPEATS]

TASK: silhouette (exact silhouette_score), sampled (REPEATS x silhouette_score(sample_size=SAMPLE)), dbch
(davies_bouldin_score + calinski_harabasz_score). Prints one JSON line: {"ms": ..., "value": ...}.
"""
import json
import sys
import time

import numpy as np
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score

task, xpath, lpath, cols = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
X = np.fromfile(xpath, dtype=np.float64).reshape(-1, cols)
y = np.fromfile(lpath, dtype=np.int32)
t = time.perf_counter()
if task == "silhouette":
    v = silhouette_score(X, y)
elif task == "sampled":
    sample, repeats = int(sys.argv[5]), int(sys.argv[6])
    v = float(np.mean([silhouette_score(X, y, sample_size=sample, random_state=r) for r in range(repeats)]))
elif task == "dbch":
    v = davies_bouldin_score(X, y) + calinski_harabasz_score(X, y)
else:
    raise SystemExit(f"unknown task {task}")
print(json.dumps({"ms": (time.perf_counter() - t) * 1000, "value": float(v)}))
