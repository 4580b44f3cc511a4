import { expect, it } from 'vitest';
import { median, medianOfPresent, sortedPresent } from '../../src/lib/engine/prep/quantile';
import { medianOfPresentV1 } from './reference/median-of-present-v1';

it('medianOfPresent: the same bits as before its single pass, on ties at the middle, zeros of both signs and brackets too full for the buffer', () => {
	let seed = 11;
	const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
	const cases: [string, Float64Array, Uint8Array | null][] = [];
	for (const n of [20_000, 20_001, 60_000, 120_001]) {
		const mask = Uint8Array.from({ length: n }, () => (r() < 0.8 ? 1 : 0));
		// The bracket holds two values and nearly every row: more than the one-pass buffer, copied in a second pass.
		cases.push(['two levels', Float64Array.from({ length: n }, () => (r() < 0.5 ? 5 : 6)), null]);
		cases.push(['two levels, masked', Float64Array.from({ length: n }, () => (r() < 0.5 ? 5 : 6)), mask]);
		// A middle of ties: the bracket is one value.
		cases.push(['ties at 6', Float64Array.from({ length: n }, () => (r() < 0.4 ? 6 : r() * 20)), null]);
		cases.push(['ties at 0', Float64Array.from({ length: n }, () => (r() < 0.6 ? 0 : r() < 0.01 ? NaN : r() * 9)), null]);
		cases.push(['ties at 0 and −0', Float64Array.from({ length: n }, () => (r() < 0.6 ? (r() < 0.3 ? -0 : 0) : r() * 9 - 4)), null]);
		cases.push(['ties at −0', Float64Array.from({ length: n }, () => (r() < 0.6 ? -0 : r() * 9 - 4)), mask]);
		cases.push(['one −0 among zeros', Float64Array.from({ length: n }, (_, i) => (i === n >> 1 ? -0 : r() < 0.7 ? 0 : r())), null]);
		cases.push(['ties at a large value', Float64Array.from({ length: n }, () => (r() < 0.7 ? 1.5e308 : r())), null]);
		cases.push(['ties at Infinity', Float64Array.from({ length: n }, () => (r() < 0.7 ? Infinity : r())), null]);
		cases.push(['integers', Float64Array.from({ length: n }, () => Math.floor(-Math.log(r()) * 3)), null]);
		cases.push(['continuous', Float64Array.from({ length: n }, () => Math.exp(3 * r())), mask]);
	}
	let checked = 0;
	for (const [name, x, use] of cases) {
		const copy = x.slice();
		const now = medianOfPresent(x, use);
		expect(x.every((v, i) => Object.is(v, copy[i])), `${name}: left unchanged`).toBe(true);
		const before = medianOfPresentV1(x.slice(), use);
		expect(Object.is(now, before), `${name} (${x.length}): ${now} vs ${before}`).toBe(true);
		// Where no zero is at the middle, the order statistics of a sort too.
		if (now !== 0) expect(Object.is(now, median(sortedPresent(x, use))), name).toBe(true);
		checked++;
	}
	expect(checked).toBe(44);
});
