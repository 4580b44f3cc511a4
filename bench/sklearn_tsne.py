"""scikit-learn side of bench/tsne.bench.ts: Barnes-Hut TSNE on the file the TypeScript side wrote.

    OMP_NUM_THREADS=2 /usr/bin/python3 bench/sklearn_tsne.py DATA.f64 COLS ITERATIONS

TSNE(perplexity=30, init="pca", learning_rate="auto", method="barnes_hut", angle=0.5, n_iter=ITERATIONS,
random_state=0, n_jobs=2); the gradient uses OpenMP with OMP_NUM_THREADS threads. Prints one JSON object
(seconds, iterations run, KL) on its last line and writes the embedding beside the data (DATA.f64.sk_tsne).
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE

path, cols, iters = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
X = np.fromfile(path, dtype="<f8").reshape(-1, cols)
t = time.perf_counter()
tsne = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto", method="barnes_hut", angle=0.5,
            n_iter=iters, random_state=0, n_jobs=2)
E = tsne.fit_transform(X)
seconds = time.perf_counter() - t
E.astype("<f8").tofile(path + ".sk_tsne")
print(json.dumps({"seconds": seconds, "nIter": int(tsne.n_iter_) + 1, "kl": float(tsne.kl_divergence_), "sklearn": sklearn.__version__}))
