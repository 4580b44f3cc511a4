/**
 * numericColumn (the fast paths' column) with typed value codes, made again when read, against the Map-based one
 * it replaced (tests/unit/reference/numeric-column-v1.ts, frozen from fe031d1): same codes, levels and counts.
 */
import { describe, expect, it } from 'vitest';
import { numericColumn } from '../../src/lib/engine/data/numeric-column';
import { Rng } from '../../src/lib/engine/random';
import { referenceNumericColumn } from './reference/numeric-column-v1';

describe('numericColumn against the reference', () => {
	const rng = new Rng(3);
	const gens: [string, () => number][] = [
		['few integers', () => rng.int(30)],
		['signed zeros and few values', () => [0, -0, 1, -1, 0.5][rng.int(5)]],
		['decimals under the cap', () => Math.round(rng.next() * 4000) / 100],
		['many integers', () => rng.int(1_000_000)],
		['continuous', () => rng.normal()]
	];
	for (const [name, gen] of gens) {
		it(name, () => {
			for (const n of [0, 1, 100, 6000, 30_000]) {
				const x = Float64Array.from({ length: n }, () => (rng.next() < 0.02 ? NaN : gen()));
				const missing = x.filter((v) => v !== v).length;
				const scratch = new Int32Array(n + 5).fill(7);
				const a = numericColumn('c', x, missing, scratch);
				scratch.fill(9); // the next column's use of the scratch must not change this one
				const b = referenceNumericColumn('c', x, missing);
				expect({ ...a, codes: a.codes && Array.from(a.codes) }, `${name} n=${n}`).toEqual({ ...b, codes: b.codes && Array.from(b.codes) });
			}
		});
	}
});
