import { EngineError } from '../errors';

/** One-hot encoding is refused above this many levels unless the user insists: 51+ columns from one feature. */
export const MAX_LEVELS = 50;

/**
 * A categorical column as level codes (−1 = missing) over its own level list, from the cell texts.
 */
export function codesOf(texts: string[]): { codes: Int32Array; levels: string[] } {
	const index = new Map<string, number>();
	const levels: string[] = [];
	const codes = new Int32Array(texts.length);
	for (let i = 0; i < texts.length; i++) {
		const t = texts[i];
		if (t === '') {
			codes[i] = -1;
			continue;
		}
		let c = index.get(t);
		if (c === undefined) {
			c = levels.length;
			index.set(t, c);
			levels.push(t);
		}
		codes[i] = c;
	}
	return { codes, levels };
}

/**
 * The one-hot levels of a column: the distinct values among the rows in `use`, sorted (code-unit order), as
 * scikit-learn's OneHotEncoder orders `categories_`. More than MAX_LEVELS is refused unless allowed.
 */
export function fitLevels(codes: Int32Array, levels: string[], use: Uint8Array, column: string, allowMany: boolean): string[] {
	const seen = new Uint8Array(levels.length);
	for (let i = 0; i < codes.length; i++) if (use[i] && codes[i] >= 0) seen[codes[i]] = 1;
	const out = levels.filter((_, l) => seen[l]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	if (out.length > MAX_LEVELS && !allowMany) {
		throw new EngineError(
			'too-many-levels',
			`"${column}" has ${out.length} distinct values; one-hot encoding would add ${out.length} columns, which would dominate the distances and make segments hard to read.`,
			`Leave "${column}" out, or tick "allow many levels" for it if you really want it (more than ${MAX_LEVELS} levels).`
		);
	}
	return out;
}

/**
 * Each indicator's weight. Two customers in different categories differ in two indicators, so plain 0/1
 * indicators put them √2 apart; multiplying by w/√2 puts them exactly w apart — about one standard deviation of a
 * z-scored numeric feature at w = 1 — so a categorical column counts like one numeric column, not like many.
 */
export function indicatorWeight(w: number): number {
	return w / Math.SQRT2;
}
