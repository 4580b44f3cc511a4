/**
 * The silhouette for any n, never a silent sample: exact (every pair) up to `exactMax` clustered rows; above it,
 * `repeats` independent seeded samples of `sampleSize` rows (sklearn's `silhouette_score(sample_size=...)` each),
 * reported as the mean of the sample means with a 95% confidence interval from their spread (Student t with
 * repeats − 1 degrees of freedom). The per-row values of the first sample are kept for the silhouette plot.
 */
import { deriveSeed } from '../random';
import { sampledSilhouette, type MetricControl } from './silhouette';

export interface SilhouetteEstimate {
	mean: number;
	exact: boolean;
	/** Rows per sample (all clustered rows when exact). */
	sampleSize: number;
	/** Samples drawn (1 when exact). */
	repeats: number;
	/** 95% interval for the full-data mean silhouette; null when exact. */
	ci: [number, number] | null;
	/** Mean silhouette of each sample. */
	sampleMeans: number[];
	/** Per-row values: of every row (NaN for unclustered) when exact, else of `sampleRows` (first sample). */
	values: Float64Array;
	sampleRows: Int32Array | null;
}

export interface SilhouetteSampling {
	exactMax: number;
	sampleSize: number;
	repeats: number;
	seed: number;
}

// Two-sided 95% Student t quantiles for 1..30 degrees of freedom.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile975(df: number): number {
	return df >= 1 && df <= 30 ? T975[df - 1] : 1.96;
}

export function silhouetteEstimate(
	X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, opts: SilhouetteSampling, control: MetricControl = {}
): SilhouetteEstimate {
	let clustered = 0;
	for (let i = 0; i < rows; i++) if (labels[i] !== -1) clustered++;
	if (clustered <= opts.exactMax) {
		const s = sampledSilhouette(X, rows, cols, labels, k, { sampleSize: Math.max(2, clustered), seed: opts.seed }, control);
		return { mean: s.mean, exact: true, sampleSize: s.sampleSize, repeats: 1, ci: null, sampleMeans: [s.mean], values: s.values, sampleRows: null };
	}
	const repeats = Math.max(2, Math.floor(opts.repeats));
	const means: number[] = [];
	let first: ReturnType<typeof sampledSilhouette> | null = null;
	for (let r = 0; r < repeats; r++) {
		const s = sampledSilhouette(X, rows, cols, labels, k, { sampleSize: opts.sampleSize, seed: deriveSeed(opts.seed, r) }, {
			signal: control.signal,
			onProgress: control.onProgress && ((p) => control.onProgress!({ stage: `silhouette sample ${r + 1} of ${repeats}`, fraction: (r + p.fraction) / repeats }))
		});
		first ??= s;
		means.push(s.mean);
	}
	const m = means.reduce((a, b) => a + b, 0) / repeats;
	const sd = Math.sqrt(means.reduce((a, b) => a + (b - m) * (b - m), 0) / (repeats - 1));
	const half = (tQuantile975(repeats - 1) * sd) / Math.sqrt(repeats);
	return { mean: m, exact: false, sampleSize: first!.sampleSize, repeats, ci: [m - half, m + half], sampleMeans: means, values: first!.values, sampleRows: first!.sampleRows };
}
