import type { ColumnProfile, Table } from '../types';
import { columnNamed } from '../data/column-named';

/** Pairs with |r| above this are reported: one of the two adds little the other does not already say. */
export const STRONG_CORRELATION = 0.9;
/** The heatmap and the pair scan cover at most this many numeric columns (cost is columns² × rows). */
export const MAX_CORRELATION_COLUMNS = 40;

export interface CorrelationMatrix {
	names: string[];
	/** names.length² Pearson coefficients, row-major; NaN where a pair has fewer than 2 complete rows or no spread. */
	r: number[];
}

/**
 * Pearson correlation over pairwise-complete rows, as pandas' DataFrame.corr() (each pair uses every row where
 * both values are present), computed with centred sums for accuracy.
 *
 * Pairs of columns with no missing value all use every row, so their means and sums of squares are each column's
 * own: those are computed once per column and the cross sums of every such pair in one blocked pass over the rows
 * (completePairs), in the same order of operations as `pearson`, so the coefficients are identical bit for bit;
 * a pair with a missing value in either column goes through `pearson`.
 */
export function correlationMatrix(table: Table, names: string[]): CorrelationMatrix {
	const cols = names.map((n) => columnNamed(table, n)!.numbers);
	const p = cols.length;
	const r = new Array<number>(p * p).fill(NaN);
	const complete = cols.map((x) => x.length >= 2 && !hasNaN(x));
	const fast = completePairs(cols.filter((_, a) => complete[a]));
	const slot = new Map<number, number>();
	cols.forEach((_, a) => complete[a] && slot.set(a, slot.size));
	for (let a = 0; a < p; a++) {
		r[a * p + a] = 1;
		for (let b = a + 1; b < p; b++) {
			const v = complete[a] && complete[b] ? fast(slot.get(a)!, slot.get(b)!) : pearson(cols[a], cols[b]);
			r[a * p + b] = v;
			r[b * p + a] = v;
		}
	}
	for (let a = 0; a < p; a++) if (complete[a] ? Number.isNaN(fast(slot.get(a)!, slot.get(a)!)) : Number.isNaN(pearson(cols[a], cols[a]))) r[a * p + a] = NaN;
	return { names: [...names], r };
}

function hasNaN(x: Float64Array): boolean {
	for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) return true;
	return false;
}

const PAIR_BLOCK = 4096;

/**
 * For columns of equal length with no NaN: (a, b) → their Pearson coefficient, with every pair's cross sum taken
 * in one pass over the rows in blocks (each block's centred values computed once per column).
 */
function completePairs(cols: Float64Array[]): (a: number, b: number) => number {
	const p = cols.length;
	if (p === 0) return () => NaN;
	const n = cols[0].length;
	const mean = cols.map((x) => {
		let s = 0;
		for (let i = 0; i < n; i++) s += x[i];
		return s / n;
	});
	const cross = new Float64Array(p * p);
	const centred = cols.map(() => new Float64Array(PAIR_BLOCK));
	for (let start = 0; start < n; start += PAIR_BLOCK) {
		const len = Math.min(PAIR_BLOCK, n - start);
		for (let a = 0; a < p; a++) {
			const x = cols[a], d = centred[a], m = mean[a];
			for (let i = 0; i < len; i++) d[i] = x[start + i] - m;
		}
		for (let a = 0; a < p; a++) {
			const da = centred[a];
			for (let b = a; b < p; b++) {
				const db = centred[b];
				let s = cross[a * p + b];
				for (let i = 0; i < len; i++) s += da[i] * db[i];
				cross[a * p + b] = s;
			}
		}
	}
	return (a, b) => {
		const [lo, hi] = a <= b ? [a, b] : [b, a];
		const sxx = cross[lo * p + lo], syy = cross[hi * p + hi], sxy = cross[lo * p + hi];
		if (!(sxx > 0 && syy > 0)) return NaN;
		return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
	};
}

export function pearson(x: Float64Array, y: Float64Array): number {
	let n = 0, sx = 0, sy = 0;
	for (let i = 0; i < x.length; i++) {
		if (x[i] !== x[i] || y[i] !== y[i]) continue;
		n++;
		sx += x[i];
		sy += y[i];
	}
	if (n < 2) return NaN;
	const mx = sx / n, my = sy / n;
	let sxx = 0, syy = 0, sxy = 0;
	for (let i = 0; i < x.length; i++) {
		if (x[i] !== x[i] || y[i] !== y[i]) continue;
		const dx = x[i] - mx, dy = y[i] - my;
		sxx += dx * dx;
		syy += dy * dy;
		sxy += dx * dy;
	}
	if (!(sxx > 0 && syy > 0)) return NaN;
	return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Pairs with |r| > threshold, strongest first. */
export function strongPairs(m: CorrelationMatrix, threshold = STRONG_CORRELATION): { a: string; b: string; r: number }[] {
	const p = m.names.length;
	const out: { a: string; b: string; r: number }[] = [];
	for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) if (Math.abs(m.r[i * p + j]) > threshold) out.push({ a: m.names[i], b: m.names[j], r: m.r[i * p + j] });
	return out.sort((u, v) => Math.abs(v.r) - Math.abs(u.r));
}

/** The numeric columns a profile would correlate (numeric kind with numbers), capped for cost. */
export function correlationColumns(profiles: ColumnProfile[]): string[] {
	return profiles.filter((p) => p.kind === 'numeric' && p.stats).slice(0, MAX_CORRELATION_COLUMNS).map((p) => p.name);
}

/** Adds a "Strongly correlated with …" warning to both columns of each strong pair. */
export function withCorrelationWarnings(profiles: ColumnProfile[], m: CorrelationMatrix): ColumnProfile[] {
	const pairs = strongPairs(m);
	return profiles.map((p) => {
		const mine = pairs.filter((q) => q.a === p.name || q.b === p.name);
		if (mine.length === 0) return p;
		const text = mine.map((q) => `${q.a === p.name ? q.b : q.a} (r = ${q.r.toFixed(2)})`).join(', ');
		return { ...p, warnings: [...p.warnings, `Strongly correlated with ${text}: one of them may be enough.`] };
	});
}
