/**
 * DBSCAN (Ester et al. 1996) with scikit-learn 1.2's semantics (`sklearn/cluster/_dbscan.py` and
 * `_dbscan_inner.pyx::dbscan_inner`):
 * - a point is core when at least minPts points, itself included, lie within distance eps (≤, not <);
 * - clusters are numbered 0, 1, … in the order their lowest-index core point appears; each grows by depth-first
 *   search through core points;
 * - a border point (not core, within eps of a core point) joins the first cluster that reaches it, which is the
 *   lowest-numbered cluster among its core neighbours; everything else is noise (-1).
 * Unlike sklearn we do not hold every neighbourhood in memory (O(n·average neighbours), unbounded for a large
 * eps): a first pass counts neighbours with a k-d tree (stopping at minPts), a second lists the neighbours of
 * each core point once, when the search expands it. The labels are the same.
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
	/** The point just labelled (its neighbourhood was expanded when it is core). */
	point: number;
	cluster: number;
	isCore: boolean;
	/** Live labels (-1 = not yet reached or noise); copy to keep. */
	labels: Int32Array;
	core: Uint8Array;
}

/** One labelled point per step, for the teaching page; after the last step, `labels` equals `dbscan`'s. */
export function* dbscanSteps(X: Float64Array, rows: number, cols: number, eps: number, minPts: number): Generator<DbscanStep> {
	const run = new DbscanRun(X, rows, cols, eps, minPts, {});
	while (run.step()) {
		if (run.lastPoint >= 0) {
			yield { point: run.lastPoint, cluster: run.labels[run.lastPoint], isCore: run.core[run.lastPoint] === 1, labels: run.labels, core: run.core };
		}
	}
}

/** The search state of sklearn's `dbscan_inner`: a scan over points in index order and a depth-first stack. */
class DbscanRun {
	readonly labels: Int32Array;
	readonly core: Uint8Array;
	/** Next index the outer scan will look at. */
	scanned = 0;
	lastPoint = -1;
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
		this.stack = new Int32Array(Math.max(16, rows));
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

	/** Labels one point (or finds none left); false when finished. */
	step(): boolean {
		this.lastPoint = -1;
		if (this.top === 0) {
			// Outer loop of dbscan_inner: the next unlabelled core point starts a new cluster.
			while (this.scanned < this.rows && (this.labels[this.scanned] !== -1 || !this.core[this.scanned])) this.scanned++;
			if (this.scanned === this.rows) return false;
			this.cluster++;
			this.stack[this.top++] = this.scanned;
		}
		const i = this.stack[--this.top];
		if (this.labels[i] !== -1) return true;
		this.labels[i] = this.cluster;
		this.lastPoint = i;
		if (this.core[i]) {
			const { data, index, position, cols } = this.tree;
			const n = this.tree.within(data, position[i] * cols, this.r2, this.buf);
			const buf = this.buf.buf;
			for (let t = 0; t < n; t++) {
				const v = index[buf[t]];
				if (this.labels[v] === -1) {
					// A point can be pushed once per core neighbour: grow the stack when needed.
					if (this.top === this.stack.length) {
						const bigger = new Int32Array(2 * this.stack.length);
						bigger.set(this.stack);
						this.stack = bigger;
					}
					this.stack[this.top++] = v;
				}
			}
		}
		return true;
	}

	result(): DbscanResult {
		let noise = 0;
		for (let i = 0; i < this.rows; i++) if (this.labels[i] === -1) noise++;
		return { labels: this.labels, core: this.core, nClusters: this.cluster + 1, noise };
	}
}
