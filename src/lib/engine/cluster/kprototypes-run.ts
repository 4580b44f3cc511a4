/**
 * One run of k-prototypes (Huang 1998, "Extensions to the k-Means Algorithm for Clustering Large Data Sets with
 * Categorical Values", Data Mining and Knowledge Discovery 2, §4), from given starting records.
 *
 * Dissimilarity of a row to a prototype: squared Euclidean distance on the numeric attributes plus γ times the
 * (weighted) number of categorical attributes that differ from the prototype's mode. Prototypes are the means of
 * the numeric attributes and the modes of the categorical ones. The procedure is Huang's:
 *   1. the k starting records are the initial prototypes;
 *   2. each row in turn joins the nearest prototype's cluster, and that prototype is updated at once;
 *   3. then, pass after pass, each row whose nearest prototype is another cluster's moves there and both
 *      prototypes are updated at once; stop after a pass with no move.
 * Rules the paper leaves open, fixed here (and in the test's reference implementation, which must agree):
 * ties go to the lowest cluster number; a row moves only when the other prototype is strictly nearer; a mode
 * tie goes to the lowest level code; a cluster still empty keeps its starting record as prototype; and a row
 * alone in its cluster stays (a cluster never empties once filled). Numeric means are kept as running sums.
 */
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';

/** Mixed rows: numeric attributes row-major (rows × pn), categorical level codes row-major (rows × pc, −1 = missing). */
export interface MixedRows {
	rows: number;
	pn: number;
	num: Float64Array;
	pc: number;
	cat: Int32Array;
	/** Levels per categorical attribute (codes are 0..levels−1). */
	levels: number[];
	/** Per categorical attribute, multiplies its mismatch (default 1). */
	catWeights?: Float64Array;
}

export interface KPrototypesRun {
	labels: Int32Array;
	/** k × pn prototype means. */
	means: Float64Array;
	/** k × pc prototype modes (level codes; −1 when a cluster has no value for that attribute). */
	modes: Int32Array;
	/** Σ over rows of the dissimilarity to their own prototype. */
	cost: number;
	/** Reallocation passes (step 3) run. */
	passes: number;
	converged: boolean;
	/** Rows per cluster. */
	sizes: Int32Array;
}

/** Dissimilarity of row i to prototype l. */
export function protoCost(d: MixedRows, gamma: number, i: number, means: Float64Array, modes: Int32Array, l: number): number {
	let s = 0;
	for (let j = 0; j < d.pn; j++) {
		const t = d.num[i * d.pn + j] - means[l * d.pn + j];
		s += t * t;
	}
	let m = 0;
	for (let a = 0; a < d.pc; a++) {
		const c = d.cat[i * d.pc + a];
		if (c < 0 || c !== modes[l * d.pc + a]) m += d.catWeights ? d.catWeights[a] : 1;
	}
	return s + gamma * m;
}

export function kprototypesRun(d: MixedRows, k: number, gamma: number, starts: Int32Array, maxPasses: number, control: RunControl = {}): KPrototypesRun {
	const { rows, pn, pc, num, cat } = d;
	const offsets = new Int32Array(pc + 1);
	for (let a = 0; a < pc; a++) offsets[a + 1] = offsets[a] + d.levels[a];
	const L = offsets[pc];
	const sums = new Float64Array(k * pn), counts = new Int32Array(k * L), sizes = new Int32Array(k);
	const means = new Float64Array(k * pn), modes = new Int32Array(k * pc);
	for (let l = 0; l < k; l++) {
		for (let j = 0; j < pn; j++) means[l * pn + j] = num[starts[l] * pn + j];
		for (let a = 0; a < pc; a++) modes[l * pc + a] = cat[starts[l] * pc + a];
	}
	const labels = new Int32Array(rows).fill(-1);
	const refresh = (l: number) => {
		const n = sizes[l];
		if (n === 0) return;
		for (let j = 0; j < pn; j++) means[l * pn + j] = sums[l * pn + j] / n;
		for (let a = 0; a < pc; a++) {
			let best = -1, bestCount = 0;
			for (let c = 0; c < d.levels[a]; c++) {
				const t = counts[l * L + offsets[a] + c];
				if (t > bestCount) {
					bestCount = t;
					best = c;
				}
			}
			modes[l * pc + a] = best;
		}
	};
	const add = (i: number, l: number, sign: 1 | -1) => {
		sizes[l] += sign;
		for (let j = 0; j < pn; j++) sums[l * pn + j] += sign * num[i * pn + j];
		for (let a = 0; a < pc; a++) {
			const c = cat[i * pc + a];
			if (c >= 0) counts[l * L + offsets[a] + c] += sign;
		}
		refresh(l);
	};
	const nearest = (i: number): { l: number; cost: number } => {
		let bl = 0, bc = Infinity;
		for (let l = 0; l < k; l++) {
			const c = protoCost(d, gamma, i, means, modes, l);
			if (c < bc) {
				bc = c;
				bl = l;
			}
		}
		return { l: bl, cost: bc };
	};
	// Step 2: allocate in row order, updating the prototype after each allocation.
	for (let i = 0; i < rows; i++) {
		if ((i & 4095) === 0) throwIfAborted(control.signal);
		const l = nearest(i).l;
		labels[i] = l;
		add(i, l, 1);
	}
	// Steps 3–4: reallocation passes until a pass moves nothing.
	let passes = 0, converged = false;
	while (passes < maxPasses) {
		passes++;
		let moved = 0;
		for (let i = 0; i < rows; i++) {
			if ((i & 4095) === 0) throwIfAborted(control.signal);
			const cur = labels[i];
			if (sizes[cur] === 1) continue;
			const best = nearest(i);
			if (best.l !== cur && best.cost < protoCost(d, gamma, i, means, modes, cur)) {
				add(i, cur, -1);
				add(i, best.l, 1);
				labels[i] = best.l;
				moved++;
			}
		}
		control.onProgress?.({ stage: `k-prototypes pass ${passes}`, fraction: Math.min(0.95, passes / (passes + 3)) });
		if (moved === 0) {
			converged = true;
			break;
		}
	}
	let cost = 0;
	for (let i = 0; i < rows; i++) cost += protoCost(d, gamma, i, means, modes, labels[i]);
	return { labels, means, modes, cost, passes, converged, sizes };
}
