import { expect, it } from 'vitest';
import { median, medianOfPresent, quantilesInPlace, quantileSorted, sortedPresent } from './quantile';
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

it('the sampled median equals the sorted one: ties, NaN, masks, sorted and periodic data, odd and even counts', () => {
	let seed = 7;
	const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
	const cases: [string, Float64Array, Uint8Array | null][] = [];
	for (const n of [19_999, 20_000, 20_001, 100_000, 250_001]) {
		cases.push(['lognormal with gaps', Float64Array.from({ length: n }, () => (r() < 0.01 ? NaN : Math.exp(2 * r()))), null]);
		cases.push(['few levels', Float64Array.from({ length: n }, () => Math.floor(r() * 3)), null]);
		cases.push(['sorted', Float64Array.from({ length: n }, (_, i) => i / 7), null]);
		cases.push(['reversed with a mask', Float64Array.from({ length: n }, (_, i) => n - i), Uint8Array.from({ length: n }, () => (r() < 0.7 ? 1 : 0))]);
		// Every sampled index sees the same value: the bracket misses and the full quickselect answers.
		cases.push(['periodic', Float64Array.from({ length: n }, (_, i) => (i % Math.max(1, Math.floor(n / 8192)) === 0 ? 5 : i % 3)), null]);
		cases.push(['infinities', Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? Infinity : i % 7 === 0 ? -Infinity : r())), null]);
	}
	cases.push(['all missing', new Float64Array(30_000).fill(NaN), null]);
	for (const [name, x, use] of cases) {
		const copy = x.slice();
		expect([name, x.length, medianOfPresent(x, use)]).toEqual([name, x.length, median(sortedPresent(x, use))]);
		expect(x).toEqual(copy);
	}
});
