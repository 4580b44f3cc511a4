import { describe, expect, it } from 'vitest';
import { loadCsv, reference } from '../../../../tests/fixtures/sklearn/load';
import { pcaView, scoreInto, scorePair, scorePairExact } from './pca-view';

describe('pcaView', () => {
	it('keeps every ratio (scree) equal to sklearn, loadings = component × √variance, scores for any pair of axes', () => {
		const { X, rows, cols } = loadCsv('wine');
		const v = pcaView(X, rows, cols, 4);
		const ref = reference.wine.pca;
		expect(v.explainedRatio.length).toBe(cols);
		v.explainedRatio.forEach((r, i) => expect(Math.abs(r - ref.explainedVarianceRatio[i])).toBeLessThan(1e-9));
		expect(v.dims).toBe(4);
		expect(v.scores.length).toBe(rows * 4);
		for (let c = 0; c < 4; c++) for (let j = 0; j < cols; j++) expect(v.loadings[c][j]).toBeCloseTo(v.components[c][j] * Math.sqrt(v.explainedVariance[c]), 12);
		const pair = scorePair(v, 2, 0);
		// Screen positions are Float32; the scores themselves and the pair for files are the doubles.
		expect(pair[0]).toBe(Math.fround(v.scores[2]));
		expect(pair[1]).toBe(Math.fround(v.scores[0]));
		const exact = scorePairExact(v, 2, 0);
		expect(exact[0]).toBe(v.scores[2]);
		expect(exact[1]).toBe(v.scores[0]);
		expect(v.scores).toBeInstanceOf(Float64Array);
		// The variance of the scores on component c is its explained variance.
		let m = 0, s = 0;
		for (let i = 0; i < rows; i++) m += v.scores[i * 4 + 1];
		m /= rows;
		for (let i = 0; i < rows; i++) s += (v.scores[i * 4 + 1] - m) ** 2;
		expect(s / (rows - 1)).toBeCloseTo(v.explainedVariance[1], 4);
	});

	it('computes any component\'s scores again from the mean and components: the same doubles bit for bit', () => {
		const { X, rows, cols } = loadCsv('wine');
		const v = pcaView(X, rows, cols, 6);
		for (let c = 0; c < 7; c++) {
			const again = scoreInto(new Float64Array(rows), X, rows, cols, v, c);
			const want = Float64Array.from({ length: rows }, (_, i) => (c < v.dims ? v.scores[i * v.dims + c] : 0));
			expect(new Uint8Array(again.buffer)).toEqual(new Uint8Array(want.buffer));
		}
		// Interleaved as screen pairs: the same Float32 pair as from the scores.
		const pair = new Float32Array(2 * rows);
		scoreInto(pair, X, rows, cols, v, 3, 2, 0);
		scoreInto(pair, X, rows, cols, v, 1, 2, 1);
		expect(new Uint8Array(pair.buffer)).toEqual(new Uint8Array(scorePair(v, 3, 1).buffer));
	});

	it('handles a single feature (second axis all zero)', () => {
		const v = pcaView(new Float64Array([1, 2, 3, 4]), 4, 1);
		expect(v.dims).toBe(1);
		expect(Array.from(scorePair(v, 0, 1)).filter((_, i) => i % 2 === 1)).toEqual([0, 0, 0, 0]);
	});
});
