/**
 * DBSCAN (Ester et al. 1996) with scikit-learn 1.2's semantics (`sklearn/cluster/_dbscan.py` and
 * `_dbscan_inner.pyx::dbscan_inner`):
 * - a point is core when at least minPts points, itself included, lie within distance eps (≤, not <);
 * - clusters are numbered 0, 1, … in the order their lowest-index core point appears; each grows by depth-first
 *   search through core points;
 * - a border point (not core, within eps of a core point) joins the first cluster that reaches it, which is the
 *   lowest-numbered cluster among its core neighbours; everything else is noise (-1).
 * Unlike sklearn we do not hold every neighbourhood in memory (O(n·average neighbours), up to n² for a large
 * eps): a first pass counts neighbours with a k-d tree (stopping at minPts), a second lists the neighbours of
 * each core point once, when the search expands it. Memory stays O(n); the labels are the same.
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';
import { EngineError } from '../errors';
import { checkMatrix } from './check-matrix';
import { KDTree } from './kdtree';

export interface DbscanResult {
	/** Cluster of each row, -1 for noise. */
	labels: Int32Array;
	/** 1 for core points. */
	core: Uint8Array;
	nClusters: number;
	noise: number;
}

export function dbscan(
	X: Float64Array, rows: number, cols: number, eps: number, minPts: number, control: RunControl = {}
): DbscanResult {
	const run = new DbscanRun(X, rows, cols, eps, minPts, control);
	const report = throttle(control.onProgress);
	let expanded = 0;
	while (run.step()) {
		if ((++expanded & 1023) === 0) {
			throwIfAborted(control.signal);
			report?.({ stage: 'DBSCAN: growing clusters', fraction: 0.5 + (0.5 * run.scanned) / rows });
		}
	}
	report?.({ stage: 'DBSCAN', fraction: 1 });
	return run.result();
}

export interface DbscanStep {
	/** The core point whose neighbourhood was just expanded. */
	point: number;
	cluster: number;
	/** Points this expansion labelled (newly reached core and border points). */
	added: number;
	/** Live labels (-1 = not yet reached or noise); copy to keep. */
	labels: Int32Array;
	core: Uint8Array;
}

/** One core-point expansion per step, for the teaching page; after the last step, `labels` equals `dbscan`'s. */
export function* dbscanSteps(X: Float64Array, rows: number, cols: number, eps: number, minPts: number): Generator<DbscanStep> {
	const run = new DbscanRun(X, rows, cols, eps, minPts, {});
	while (run.step()) yield { point: run.lastPoint, cluster: run.labels[run.lastPoint], added: run.lastAdded, labels: run.labels, core: run.core };
}

/** The search state of sklearn's `dbscan_inner`: a scan over points in index order and a depth-first stack. */
class DbscanRun {
	readonly labels: Int32Array;
	readonly core: Uint8Array;
	/** Next index the outer scan will look at. */
	scanned = 0;
	lastPoint = -1;
	lastAdded = 0;
	private tree: KDTree;
	private r2: number;
	private stack: Int32Array;
	private top = 0;
	private cluster = -1;
	private buf = { buf: new Int32Array(1024) };

	constructor(X: Float64Array, private rows: number, cols: number, eps: number, minPts: number, control: RunControl) {
		checkMatrix(X, rows, cols, 'DBSCAN');
		if (!(eps > 0) || !Number.isFinite(eps)) {
			throw new EngineError('bad-parameter', `eps must be a positive distance (got ${eps}).`,
				'Read a value off the k-distance plot, at the knee of the curve.');
		}
		if (!Number.isInteger(minPts) || minPts < 1) {
			throw new EngineError('bad-parameter', `minPts must be a whole number of at least 1 (got ${minPts}).`,
				'A common choice is twice the number of features; 5 is scikit-learn\'s default.');
		}
		this.r2 = eps * eps;
		this.tree = new KDTree(X, rows, cols);
		this.labels = new Int32Array(rows).fill(-1);
		this.core = new Uint8Array(rows);
		// Each core point is stacked at most once.
		this.stack = new Int32Array(rows);
		const report = throttle(control.onProgress);
		const { data, position } = this.tree;
		for (let i = 0; i < rows; i++) {
			if ((i & 1023) === 0) {
				throwIfAborted(control.signal);
				report?.({ stage: 'DBSCAN: counting neighbours', fraction: (0.5 * i) / rows });
			}
			// Only "at least minPts" matters, so the count may stop there.
			const c = minPts === 1 ? 1 : this.tree.countWithin(data, position[i] * cols, this.r2, minPts);
			this.core[i] = c >= minPts ? 1 : 0;
		}
	}

	/**
	 * Expands one core point; false when no cluster is left to grow. Points are labelled when first reached and
	 * only core points are stacked: sklearn stacks every unlabelled neighbour and labels on pop, which gives the
	 * same labels (a cluster is the connected set of its core points whatever the order, and a border point
	 * keeps the first cluster that reaches it) without a stack that can grow to the sum of all neighbourhoods.
	 */
	step(): boolean {
		if (this.top === 0) {
			// Outer loop of dbscan_inner: the next unlabelled core point starts a new cluster.
			while (this.scanned < this.rows && (this.labels[this.scanned] !== -1 || !this.core[this.scanned])) this.scanned++;
			if (this.scanned === this.rows) return false;
			this.cluster++;
			this.labels[this.scanned] = this.cluster;
			this.stack[this.top++] = this.scanned;
		}
		const i = this.stack[--this.top];
		const { data, index, position, cols } = this.tree;
		const n = this.tree.within(data, position[i] * cols, this.r2, this.buf);
		const buf = this.buf.buf;
		let added = 0;
		for (let t = 0; t < n; t++) {
			const v = index[buf[t]];
			if (this.labels[v] === -1) {
				this.labels[v] = this.cluster;
				added++;
				if (this.core[v]) this.stack[this.top++] = v;
			}
		}
		this.lastPoint = i;
		this.lastAdded = added;
		return true;
	}

	result(): DbscanResult {
		let noise = 0;
		for (let i = 0; i < this.rows; i++) if (this.labels[i] === -1) noise++;
		return { labels: this.labels, core: this.core, nClusters: this.cluster + 1, noise };
	}
}
