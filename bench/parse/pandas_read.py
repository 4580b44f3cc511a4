"""pandas.read_csv on the bench file: 3 timed runs and the peak RSS above the baseline after importing pandas."""
import json, resource, sys, time
import pandas as pd

path = sys.argv[1]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
ms = []
for _ in range(3):
    t = time.perf_counter()
    df = pd.read_csv(path)
    ms.append((time.perf_counter() - t) * 1000)
    assert df.shape == (1_000_000, 10)
    del df
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"version": pd.__version__, "ms": ms, "peakMB": (peak - base) * 1024 / 1e6}))
