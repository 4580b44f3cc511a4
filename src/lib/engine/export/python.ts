/**
 * Code export: a scikit-learn script and a PySpark (pyspark.ml) script that redo the Recipe's preparation and
 * clustering on the original file or a larger one. Both refit on the data they are given (that is the point of
 * running them on more data); the scikit-learn script follows the same steps in the same order as
 * prep/pipeline.ts, so on the same file it gives the same partition. Column names and every other value from the
 * data travel as one JSON string literal (valid Python), never as code.
 */
import type { Recipe } from '../recipe';
import { EngineError } from '../errors';
import { own } from '../names';
import type { FittedPrep } from '../types';
import { NUMPY_ALGORITHMS } from './python-numpy';

interface FeatureSpec {
	name: string;
	kind: 'numeric' | 'categorical';
	levels: string[] | null;
	missing: string;
	fill: number | string | null;
	log1p: boolean;
	yeo_johnson: boolean;
	clip: [number, number] | null;
	scale: string;
	weight: number;
	/** Weight of the feature in Gower distances and k-prototypes (the engine's mixed view: a category counts w, not w/√2). */
	mixed_weight: number;
}

function specs(recipe: Recipe, fitted: FittedPrep): FeatureSpec[] {
	return fitted.perFeature.map((f) => {
		const c = own(recipe.prep.columns, f.name) ?? {};
		return {
			name: f.name,
			kind: f.encoding,
			levels: f.levels,
			missing: c.missing ?? recipe.prep.missing,
			fill: c.fillValue ?? null,
			log1p: !!c.log1p,
			yeo_johnson: f.yeoJohnson != null,
			clip: c.clip ?? null,
			scale: f.encoding === 'categorical' ? 'none' : (c.scale ?? recipe.prep.scale),
			weight: c.weight ?? 1,
			mixed_weight: (fitted.weights[f.offset] ?? 1) * (f.encoding === 'categorical' ? Math.SQRT2 : 1)
		};
	});
}

function pyString(value: unknown): string {
	// A JSON string literal is a valid Python string literal (same escapes).
	return JSON.stringify(JSON.stringify(value));
}

/**
 * Where the run ended, for the script to start from: k-means and mini-batch k-means from the fitted centres,
 * Gaussian mixtures from the fitted weights, means and covariances (the script turns them into precisions), all in
 * the prepared (clustered) space, segment order. Without them the script refits from scratch with the seed.
 */
export interface FittedStart {
	centers?: number[][];
	mixture?: { weights: number[]; means: number[]; covariances: number[] };
	/** PAM: each segment's medoid, its clustered-row index and its prepared row, segment order. */
	medoids?: { rows: number[]; centers: number[][] };
	/** k-prototypes: each segment's prototype in the prepared space (means; the mode's indicator set) and the γ used. */
	prototypes?: { centers: number[][]; gamma: number };
}

/** PAM on Gower and k-prototypes have no Spark ML counterpart to export to (the scikit-learn script carries its own). */
function refuseMixed(recipe: Recipe, target: string): void {
	const name = recipe.algorithm.name;
	if (name === 'pam' || name === 'kprototypes') {
		throw new EngineError('bad-parameter', `A ${target} script cannot redo ${name === 'pam' ? 'PAM on Gower distances' : 'k-prototypes'}: ${target} has no such algorithm.`, 'Export the scikit-learn script (it carries PAM and k-prototypes in plain numpy), or score new customers with segment-lab score.');
	}
}

export function sklearnScript(recipe: Recipe, fitted: FittedPrep, k: number, start: FittedStart = {}): string {
	const config = { source: recipe.source.name, features: specs(recipe, fitted), outliers: recipe.prep.outliers, algorithm: recipe.algorithm, k, seed: recipe.seed, start };
	return `#!/usr/bin/env python3
"""Segment Lab analysis as a scikit-learn script (exported from the page or the command line).

Redoes the Recipe: missing values -> percentile clip -> log1p -> outliers -> scaling -> weights -> clustering,
refitted on the file given, then numbers segments by size (1 = largest) as Segment Lab does. K-means starts from
the centres Segment Lab fitted (CONFIG["start"]), so it lands on the same segments, not another local optimum.
Mini-batch k-means and Gaussian mixtures keep drawing batches or iterating EM after any start, so by default they
assign rows with the model Segment Lab fitted (nearest fitted centre; most probable component of the fitted
mixture), which reproduces its segments; with --refit they fit again on this file, starting from those centres or
from the fitted weights, means and precisions. PAM on Gower distances assigns each row to the nearest medoid
Segment Lab found (the same segments), and k-prototypes to the nearest fitted prototype; with --refit PAM runs
again (BUILD + SWAP, deterministic) and k-prototypes runs Huang's algorithm again from the starts the page drew
(its seeded generator is written in below). HDBSCAN uses sklearn.cluster.HDBSCAN where it exists
(scikit-learn >= 1.3) and otherwise the numpy HDBSCAN* below, which follows Segment Lab's steps.

Where results may differ from Segment Lab's:
- on another file: the preparation is refitted there, and the fitted start is only a start;
- with --refit, mini-batch k-means keeps drawing random batches and EM keeps iterating after their start, so
  border rows can move (on the three test datasets: ARI 0.98 or more);
- hierarchical runs above 20,000 rows (30,000 for single linkage): Segment Lab links 500 k-means micro-clusters,
  this script links every row (slow, and a slightly different tree);
- DBSCAN: a border point within eps of two clusters may go to either (both follow the row order);
- HDBSCAN above 20,000 rows: Segment Lab builds the spanning tree by Boruvka, which may keep other edges among
  equal weights than Prim's here, so on tied data (duplicate rows) a few rows can change segment or noise;
- HDBSCAN, PAM and k-prototypes written here in numpy are O(n^2) (PAM --refit up to 10,000 rows): fine for
  the tens of thousands of rows at most that the page runs them on;
- runs clustered on principal components are not reproduced (the script clusters on the prepared features).

Usage: python3 segments.py INPUT.csv OUTPUT.csv [--refit]
Needs pandas, numpy and scikit-learn (tested with scikit-learn 1.2).
"""
import json
import sys

import numpy as np
import pandas as pd

CONFIG = json.loads(${pyString(config)})


def prepare(df):
    keep = np.ones(len(df), dtype=bool)
    cols = {}
    # 1 Missing values: fills fitted on every present value of the column; "drop" leaves the row out.
    for f in CONFIG["features"]:
        if f["kind"] == "numeric":
            x = pd.to_numeric(df[f["name"]], errors="coerce").astype(float)
            m = f["missing"]
            if m == "drop":
                keep &= x.notna().to_numpy()
            elif m == "mean":
                x = x.fillna(x.mean())
            elif m == "median":
                x = x.fillna(x.median())
            elif m == "mode":
                x = x.fillna(x.mode().iloc[0] if x.notna().any() else 0.0)
            elif m == "constant":
                x = x.fillna(float(f["fill"] if f["fill"] is not None else 0.0))
            cols[f["name"]] = x.to_numpy(dtype=float)
        else:
            s = df[f["name"]].astype("string")
            m = f["missing"]
            if m == "drop":
                keep &= s.notna().to_numpy()
            elif m == "constant":
                s = s.fillna(str(f["fill"] if f["fill"] is not None else "missing"))
            else:
                s = s.fillna(s.mode().iloc[0] if s.notna().any() else "missing")
            cols[f["name"]] = s.to_numpy(dtype=object)
    # 2 Transforms, fitted on the rows still in: percentile clip, then log1p.
    for f in CONFIG["features"]:
        if f["kind"] != "numeric":
            continue
        x = cols[f["name"]]
        if f["clip"]:
            lo, hi = np.percentile(x[keep & ~np.isnan(x)], f["clip"])
            x = np.clip(x, lo, hi)
        if f["log1p"]:
            x = np.log1p(x)
        elif f["yeo_johnson"]:
            from sklearn.preprocessing import PowerTransformer
            pt = PowerTransformer(method="yeo-johnson", standardize=False).fit(x[keep & ~np.isnan(x)].reshape(-1, 1))
            x = pt.transform(x.reshape(-1, 1)).ravel()
        cols[f["name"]] = x
    # 3 Outliers: bounds per feature on the rows still in; set aside, clip or only flag.
    o = CONFIG["outliers"]
    if o["method"] != "none":
        outside = np.zeros(len(df), dtype=bool)
        for f in CONFIG["features"]:
            if f["kind"] != "numeric":
                continue
            x = cols[f["name"]]
            v = x[keep & ~np.isnan(x)]
            if o["method"] == "iqr":
                q1, q3 = np.percentile(v, [25, 75])
                lo, hi = q1 - o["threshold"] * (q3 - q1), q3 + o["threshold"] * (q3 - q1)
            else:
                lo, hi = v.mean() - o["threshold"] * v.std(), v.mean() + o["threshold"] * v.std()
            if o["action"] == "clip":
                cols[f["name"]] = np.clip(x, lo, hi)
            else:
                outside |= (x < lo) | (x > hi)
        if o["action"] == "setAside":
            keep &= ~outside
    # 4 Encode, scale (fitted on the rows still in) and weight.
    blocks = []
    for f in CONFIG["features"]:
        x = cols[f["name"]][keep]
        if f["kind"] == "categorical":
            onehot = np.stack([(x == level).astype(float) for level in f["levels"]], axis=1)
            blocks.append(onehot * (f["weight"] / np.sqrt(2)))
            continue
        s = f["scale"]
        if s == "zscore":
            sd = x.std()
            x = (x - x.mean()) / (sd if sd > 0 else 1.0)
        elif s == "minmax":
            span = x.max() - x.min()
            x = (x - x.min()) / (span if span > 0 else 1.0)
        elif s == "robust":
            q1, q3 = np.percentile(x, [25, 75])
            iqr = q3 - q1
            x = (x - np.median(x)) / (iqr if iqr > 10 * np.finfo(float).eps else 1.0)
        blocks.append((x * f["weight"])[:, None])
    return np.hstack(blocks), keep


def start_centres(X):
    """The centres Segment Lab fitted (k x prepared columns), when they fit this matrix."""
    c = CONFIG["start"].get("centers")
    if not c:
        return None
    c = np.array(c, dtype=float)
    return c if c.shape == (CONFIG["k"], X.shape[1]) else None


def start_mixture(X, kind):
    """weights_init, means_init and precisions_init from the mixture Segment Lab fitted (covariances inverted)."""
    m = CONFIG["start"].get("mixture")
    k, d = CONFIG["k"], X.shape[1]
    if not m or len(m["means"]) != k * d:
        return {}
    cov = np.array(m["covariances"], dtype=float)
    if kind == "full":
        prec = np.linalg.inv(cov.reshape(k, d, d))
    elif kind == "tied":
        # One shared matrix (stored once, or once per component).
        prec = np.linalg.inv(cov[-d * d:].reshape(d, d))
    elif kind == "diag":
        prec = 1.0 / cov.reshape(k, d)
    else:
        prec = 1.0 / cov.reshape(k)
    return {"weights_init": np.array(m["weights"], dtype=float), "means_init": np.array(m["means"], dtype=float).reshape(k, d), "precisions_init": prec}


def fitted_mixture(X, kind):
    """A GaussianMixture holding the parameters Segment Lab fitted (nothing refitted), for predict()."""
    from sklearn.mixture import GaussianMixture
    from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky
    m, k, d = CONFIG["start"]["mixture"], CONFIG["k"], X.shape[1]
    cov = np.array(m["covariances"], dtype=float)
    cov = {"full": lambda: cov.reshape(k, d, d), "tied": lambda: cov[-d * d:].reshape(d, d), "diag": lambda: cov.reshape(k, d), "spherical": lambda: cov.reshape(k)}[kind]()
    gm = GaussianMixture(n_components=k, covariance_type=kind)
    gm.weights_ = np.array(m["weights"], dtype=float)
    gm.means_ = np.array(m["means"], dtype=float).reshape(k, d)
    gm.covariances_ = cov
    gm.precisions_cholesky_ = _compute_precision_cholesky(cov, kind)
    return gm


REFIT = "--refit" in sys.argv[1:]
${NUMPY_ALGORITHMS}


def cluster(X):
    a, k, seed = CONFIG["algorithm"], CONFIG["k"], CONFIG["seed"]
    name = a["name"]
    if name == "kmeans":
        from sklearn.cluster import KMeans
        init = start_centres(X)
        return KMeans(n_clusters=k, init=init if init is not None else "k-means++", n_init=1 if init is not None else a["nInit"], max_iter=a["maxIter"], tol=a["tol"], random_state=seed).fit_predict(X)
    if name == "minibatch":
        from sklearn.cluster import MiniBatchKMeans
        init = start_centres(X)
        if init is not None and not REFIT:
            return ((X[:, None, :] - init[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        return MiniBatchKMeans(n_clusters=k, init=init if init is not None else "k-means++", batch_size=a["batchSize"], n_init=1 if init is not None else a["nInit"], max_iter=a["maxIter"], reassignment_ratio=a["reassignmentRatio"], random_state=seed).fit_predict(X)
    if name == "hierarchical":
        from sklearn.cluster import AgglomerativeClustering
        return AgglomerativeClustering(n_clusters=k, linkage=a["linkage"]).fit_predict(X)
    if name == "dbscan":
        from sklearn.cluster import DBSCAN
        return DBSCAN(eps=a["eps"], min_samples=a["minPts"]).fit_predict(X)
    if name == "hdbscan":
        # sklearn.cluster.HDBSCAN arrived in scikit-learn 1.3; before it, the numpy HDBSCAN* above. Noise gets -1.
        try:
            from sklearn.cluster import HDBSCAN
        except ImportError:
            return hdbscan_numpy(X, a["minClusterSize"], a.get("minSamples") or a["minClusterSize"], a.get("selection") or "eom")
        return HDBSCAN(min_cluster_size=a["minClusterSize"], min_samples=a.get("minSamples"), cluster_selection_method=a.get("selection") or "eom").fit_predict(X)
    if name == "gmm":
        from sklearn.mixture import GaussianMixture
        start = start_mixture(X, a["covariance"])
        if start and not REFIT:
            return fitted_mixture(X, a["covariance"]).predict(X)
        return GaussianMixture(n_components=k, covariance_type=a["covariance"], n_init=1 if start else a["nInit"], max_iter=a["maxIter"], tol=a["tol"], reg_covar=a["regCovar"], random_state=seed, **start).fit_predict(X)
    if name == "pam":
        # PAM on Gower distances over the features as Segment Lab compares them (categories as categories).
        V, nominal, weights = mixed_view(X)
        lo, span = gower_scale(V)
        med = CONFIG["start"].get("medoids")
        if med and len(med["centers"]) == k and not REFIT:
            order = np.argsort(med["rows"], kind="stable")
            C = mixed_view(np.array(med["centers"], dtype=float)[order])[0]
            return order[nearest_medoid(gower((C - lo) / span, (V - lo) / span, nominal, weights))]
        check_rows(len(V), "PAM on Gower distances", "Leave out --refit to assign rows to the fitted medoids, or use k-prototypes.")
        S = (V - lo) / span
        D = gower(S, S, nominal, weights)
        medoids = pam_gower(D, k)
        return nearest_medoid(D[medoids])
    if name == "kprototypes":
        num, cat, cat_w = kproto_parts(X)
        proto = CONFIG["start"].get("prototypes")
        gamma = proto["gamma"] if proto else (a["gamma"] if a.get("gamma") is not None else huang_gamma(num))
        if proto and len(proto["centers"]) == k and not REFIT:
            means, modes, _ = kproto_parts(np.array(proto["centers"], dtype=float))
            return kproto_cost(num, cat, cat_w, gamma, means, modes).argmin(axis=1)
        return kprototypes_numpy(num, cat, cat_w, gamma, k, a["nInit"], a["maxPasses"], seed)
    raise SystemExit("unknown algorithm " + name)


def by_size(labels):
    """Segment 1 is the largest (ties: the first seen), as in Segment Lab; noise (-1) stays -1."""
    ids = [l for l in dict.fromkeys(labels.tolist()) if l >= 0]
    sizes = {l: int((labels == l).sum()) for l in ids}
    order = sorted(ids, key=lambda l: (-sizes[l], ids.index(l)))
    mapping = {old: new + 1 for new, old in enumerate(order)}
    return np.array([mapping.get(l, -1) for l in labels.tolist()])


def main():
    args = [a for a in sys.argv[1:] if a != "--refit"]
    if len(args) != 2:
        raise SystemExit(__doc__)
    sys.argv[1:] = args
    df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, na_values=[""])
    X, keep = prepare(df)
    segment = np.full(len(df), "", dtype=object)
    segment[keep] = by_size(cluster(X)).astype(str)
    df["segment"] = segment
    df.to_csv(sys.argv[2], index=False)
    print(f"{keep.sum()} of {len(df)} rows clustered into {len(set(segment[keep]) - {'-1'})} segments; wrote {sys.argv[2]}")


if __name__ == "__main__":
    main()
`;
}

/** The fitted preparation per matrix column, for the PySpark script (applied as fitted, never refitted). */
interface FittedColumn {
	feature: string;
	level: string | null;
	fill: number | string | null;
	clip: [number, number] | null;
	log1p: boolean;
	yeo_johnson: number | null;
	bounds: [number, number] | null;
	center: number;
	scale: number;
	weight: number;
}

function fittedColumns(fitted: FittedPrep): FittedColumn[] {
	return fitted.perFeature.flatMap((f): FittedColumn[] => {
		const common = { feature: f.name, fill: f.fill, clip: f.clip, log1p: f.log1p, yeo_johnson: f.yeoJohnson ?? null, bounds: f.outlierBounds };
		const at = (j: number) => ({ center: fitted.scale.center[j], scale: fitted.scale.scale[j], weight: fitted.weights[j] });
		return f.encoding === 'numeric' ? [{ ...common, level: null, ...at(f.offset) }] : (f.levels ?? []).map((level, i) => ({ ...common, level, ...at(f.offset + i) }));
	});
}

export function pysparkScript(recipe: Recipe, fitted: FittedPrep, k: number, start: FittedStart = {}): string {
	refuseMixed(recipe, 'PySpark');
	const config = { source: recipe.source.name, columns: fittedColumns(fitted), outliers: fitted.outliers, algorithm: recipe.algorithm, k, seed: recipe.seed, start };
	return `#!/usr/bin/env python3
"""Segment Lab analysis as a PySpark script, for data that outgrows one machine.

The preparation Segment Lab fitted is applied as fitted, never refitted (CONFIG["columns"]: fill, percentile clip,
log1p or Yeo-Johnson, outlier bounds, one-hot level, scaling centre and scale, weight), so each row lands in the
space the segments were found in. Rows are then assigned to the fitted segments: the nearest fitted centre (k-means,
mini-batch k-means; the segment centroids for hierarchical runs), or the most probable component of the fitted
Gaussian mixture (diagonal or spherical covariances). With --refit, pyspark.ml refits on this data instead
(KMeans, GaussianMixture, BisectingKMeans for hierarchical runs), starting from scratch with the seed: Spark
offers no way to start from given centres.

Where results may differ from Segment Lab's: hierarchical runs are assigned by nearest centroid, which can differ
from the tree's cut for border rows; full and tied mixtures, DBSCAN and HDBSCAN have no assignment here (use
--refit, or the scikit-learn script); with --refit, Spark's own k-means|| start and EM find their own optimum.

Usage: spark-submit segments_spark.py INPUT.csv OUTPUT_DIR [--refit]
"""
import json
import math
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

CONFIG = json.loads(${pyString(config)})


def prepared(df):
    """One column per matrix column, as Segment Lab prepared it; rows it would not cluster are filtered out."""
    out, keep = [], F.lit(True)
    o = CONFIG["outliers"]
    for i, c in enumerate(CONFIG["columns"]):
        raw = F.col(c["feature"])
        if c["level"] is None:
            x = raw.cast("double")
            if c["fill"] is None:
                keep = keep & x.isNotNull()
            else:
                x = F.coalesce(x, F.lit(float(c["fill"])))
            if c["clip"]:
                x = F.least(F.greatest(x, F.lit(c["clip"][0])), F.lit(c["clip"][1]))
            if c["log1p"]:
                x = F.log1p(x)
            elif c["yeo_johnson"] is not None:
                lam = c["yeo_johnson"]
                pos = F.log1p(x) if abs(lam) < 1e-12 else (F.pow(x + 1, lam) - 1) / lam
                neg = -F.log1p(-x) if abs(lam - 2) < 1e-12 else -(F.pow(1 - x, 2 - lam) - 1) / (2 - lam)
                x = F.when(x >= 0, pos).otherwise(neg)
            if c["bounds"] and o["method"] != "none":
                lo, hi = c["bounds"]
                if o["action"] == "clip":
                    x = F.least(F.greatest(x, F.lit(lo)), F.lit(hi))
                elif o["action"] == "setAside":
                    keep = keep & (x >= lo) & (x <= hi)
        else:
            text = F.trim(raw.cast("string"))
            text = F.when((text.isNull()) | (text == ""), F.lit(None if c["fill"] is None else str(c["fill"]))).otherwise(text)
            if c["fill"] is None:
                keep = keep & text.isNotNull()
            x = F.when(text == F.lit(c["level"]), 1.0).otherwise(0.0)
        out.append(((x - F.lit(c["center"])) / F.lit(c["scale"]) * F.lit(c["weight"])).alias(f"_x{i}"))
    return df.where(keep).select("*", *out)


def assign(df):
    """The fitted segment of each row: nearest fitted centre, or most probable fitted mixture component."""
    cols = [F.col(f"_x{i}") for i in range(len(CONFIG["columns"]))]
    k, st = CONFIG["k"], CONFIG["start"]
    if st.get("centers"):
        score = [sum((x - F.lit(c)) ** 2 for x, c in zip(cols, centre)) for centre in st["centers"]]
        best = F.least(*score)
    elif st.get("mixture") and CONFIG["algorithm"].get("covariance") in ("diag", "spherical"):
        d, m = len(cols), st["mixture"]
        kind = CONFIG["algorithm"]["covariance"]
        score = []
        for s in range(k):
            var = m["covariances"][s * d:(s + 1) * d] if kind == "diag" else [m["covariances"][s]] * d
            mean = m["means"][s * d:(s + 1) * d]
            logp = math.log(m["weights"][s]) - 0.5 * sum(math.log(2 * math.pi * v) for v in var)
            score.append(-(F.lit(logp) - 0.5 * sum((x - F.lit(mu)) ** 2 / F.lit(v) for x, mu, v in zip(cols, mean, var))))
        best = F.least(*score)
    else:
        raise SystemExit("This run has no assignment rule here (full or tied mixture, hierarchical, DBSCAN, HDBSCAN): run with --refit, or use the scikit-learn script")
    segment = F.lit(None)
    for s in reversed(range(k)):
        segment = F.when(score[s] == best, F.lit(s + 1)).otherwise(segment)
    return df.withColumn("segment", segment)


def refit(df, spark):
    from pyspark.ml.clustering import BisectingKMeans, GaussianMixture, KMeans
    from pyspark.ml.feature import VectorAssembler
    feats = VectorAssembler(inputCols=[f"_x{i}" for i in range(len(CONFIG["columns"]))], outputCol="features").transform(df)
    a, k, seed = CONFIG["algorithm"], CONFIG["k"], CONFIG["seed"]
    if a["name"] in ("kmeans", "minibatch"):
        model = KMeans(k=k, seed=seed, maxIter=a.get("maxIter", 300), tol=a.get("tol", 1e-4), predictionCol="segment").fit(feats)
    elif a["name"] == "gmm":
        model = GaussianMixture(k=k, seed=seed, maxIter=a["maxIter"], tol=a["tol"], predictionCol="segment").fit(feats)
    elif a["name"] == "hierarchical":
        model = BisectingKMeans(k=k, seed=seed, predictionCol="segment").fit(feats)
    else:
        raise SystemExit("DBSCAN and HDBSCAN have no pyspark.ml implementation; use the scikit-learn script")
    return model.transform(feats).withColumn("segment", F.col("segment") + 1)


def main():
    args = [a for a in sys.argv[1:] if a != "--refit"]
    if len(args) != 2:
        raise SystemExit(__doc__)
    spark = SparkSession.builder.appName("segment-lab").getOrCreate()
    df = spark.read.csv(args[0], header=True, inferSchema=False)
    rows = prepared(df)
    result = refit(rows, spark) if "--refit" in sys.argv[1:] else assign(rows)
    result.select(*df.columns, "segment").write.mode("overwrite").csv(args[1], header=True)
    spark.stop()


if __name__ == "__main__":
    main()
`;
}

/** What the PySpark script assigns rows with: centres (k-means, mini-batch, hierarchical centroids) or the mixture. */
export function pysparkStart(summary: { algorithm?: string; modelCenters?: number[][]; gmm?: { mixture?: { weights: number[]; means: number[]; covariances: number[] } } }): FittedStart {
	if (summary.algorithm === 'hierarchical' && summary.modelCenters) return { centers: summary.modelCenters };
	return fittedStart(summary);
}

/**
 * The start the scikit-learn script takes from one k of a run: centres for (mini-batch) k-means, the mixture for
 * GMM, the medoids (row and prepared values) for PAM, the prototypes and γ for k-prototypes.
 */
export function fittedStart(summary: { algorithm?: string; modelCenters?: number[][]; gmm?: { mixture?: { weights: number[]; means: number[]; covariances: number[] } }; mixed?: { medoids?: number[]; gamma?: number } }): FittedStart {
	const centers = summary.modelCenters;
	if (summary.algorithm === 'pam' && centers && summary.mixed?.medoids) return { medoids: { rows: summary.mixed.medoids, centers } };
	if (summary.algorithm === 'kprototypes' && centers && summary.mixed?.gamma != null) return { prototypes: { centers, gamma: summary.mixed.gamma } };
	if ((summary.algorithm === 'kmeans' || summary.algorithm === 'minibatch') && summary.modelCenters) return { centers: summary.modelCenters };
	const m = summary.gmm?.mixture;
	if (summary.algorithm === 'gmm' && m) return { mixture: { weights: m.weights, means: m.means, covariances: m.covariances } };
	return {};
}
