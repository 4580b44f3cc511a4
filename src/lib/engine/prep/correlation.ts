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
 */
export function correlationMatrix(table: Table, names: string[]): CorrelationMatrix {
	const cols = names.map((n) => columnNamed(table, n)!.numbers);
	const p = cols.length;
	const r = new Array<number>(p * p).fill(NaN);
	for (let a = 0; a < p; a++) {
		r[a * p + a] = 1;
		for (let b = a + 1; b < p; b++) {
			const v = pearson(cols[a], cols[b]);
			r[a * p + b] = v;
			r[b * p + a] = v;
		}
	}
	for (let a = 0; a < p; a++) if (Number.isNaN(pearson(cols[a], cols[a]))) r[a * p + a] = NaN;
	return { names: [...names], r };
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
