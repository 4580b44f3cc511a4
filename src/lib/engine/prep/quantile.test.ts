import { expect, it } from 'vitest';
import { quantilesInPlace, quantileSorted } from './quantile';
it('select equals sort', () => {
	let seed = 1;
	const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
	for (let trial = 0; trial < 300; trial++) {
		const n = 1 + Math.floor(r() * 60);
		const x = Float64Array.from({ length: n }, () => (r() < 0.3 ? Math.floor(r() * 4) : r() * 100));
		const qs = [0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.99, 1, 0.6000000000000001];
		const s = Float64Array.from(x).sort();
		expect(quantilesInPlace(Float64Array.from(x), qs)).toEqual(qs.map((q) => quantileSorted(s, q)));
	}
});
