import { describe, expect, it } from 'vitest';
import { recommend, type KEvidence } from './recommend';
import { kEdge } from './k-edge';
import { maxSupportedK as maxKFor } from '../k-limit';

const ev = (k: number, inertia: number, silhouette: number, daviesBouldin: number, calinskiHarabasz: number, bic?: number, aic?: number): KEvidence => ({
	k, inertia, silhouette, daviesBouldin, calinskiHarabasz, ...(bic !== undefined ? { gmm: { bic, aic: aic ?? bic } } : {})
});

describe('one authoritative k', () => {
	it('gives the best k of every metric, so the charts mark the engine\'s values only', () => {
		const r = recommend([ev(2, 1000, 0.4, 0.9, 300), ev(3, 500, 0.5, 0.5, 500), ev(4, 450, 0.45, 0.7, 900)]);
		expect(r.best).toEqual({ silhouette: 3, daviesBouldin: 3, calinskiHarabasz: 4, knee: r.knee.k });
		expect(r.best.bic).toBeUndefined();
	});
	it('for a Gaussian mixture, BIC votes (lowest wins) and counts twice', () => {
		// Silhouette and Davies–Bouldin want 2, Calinski–Harabasz 3; the lowest BIC is at 4: 2 votes for 4 (BIC), 2 for 2.
		// A tie goes to the mixture's own criterion.
		const r = recommend([ev(2, 1000, 0.6, 0.5, 300, 900, 880), ev(3, 800, 0.5, 0.7, 500, 850, 700), ev(4, 700, 0.4, 0.9, 400, 800, 750)]);
		expect(r.best.bic).toBe(4);
		expect(r.best.aic).toBe(3);
		expect(r.k).toBe(4);
		expect(r.agree).toContain('bic');
		expect(r.reasons.some((x) => x.kind === 'disagree' && /Mean silhouette prefers k = 2/.test(x.text))).toBe(true);
	});
	it('BIC alone does not outvote three shared metrics', () => {
		const r = recommend([ev(2, 1000, 0.6, 0.5, 900, 900), ev(3, 400, 0.5, 0.7, 500, 850), ev(4, 380, 0.4, 0.9, 400, 800)]);
		expect(r.best.bic).toBe(4);
		expect(r.k).toBe(2);
		expect(r.reasons.some((x) => x.kind === 'disagree' && /BIC.*prefers k = 4/.test(x.text))).toBe(true);
	});
	it('says when the recommendation sits at the top of the range, and offers a wider one within the cap', () => {
		const rising = [2, 3, 4, 5].map((k) => ev(k, 1000 / k, 0.3 + k / 20, 1 - k / 10, 100 * k));
		const r = recommend(rising, null, 1, { range: [2, 5], rows: 1000, cap: maxKFor(1000) });
		expect(r.k).toBe(5);
		expect(r.edge).toMatchObject({ side: 'high', tried: [2, 5], widenTo: 10 });
		expect(r.reasons[0]).toEqual({ kind: 'edge', text: 'k = 5 is the largest k tried (2–5): the best k may lie above it. Try k up to 10.' });
		// In the middle of the range: no edge.
		const mid = recommend(rising, null, 1, { range: [2, 8], rows: 1000, cap: 30 });
		expect(mid.edge).toBeNull();
		expect(mid.reasons.some((x) => x.kind === 'edge')).toBe(false);
	});
	it('the wider range respects the cap, and at the cap says the data support no more', () => {
		expect(maxKFor(1000)).toBe(30);
		expect(maxKFor(40)).toBe(8);
		expect(maxKFor(3)).toBe(2);
		expect(kEdge(6, [2, 6], 40, maxKFor(40))!.widenTo).toBe(8);
		const atCap = kEdge(8, [2, 8], 40, maxKFor(40))!;
		expect(atCap.widenTo).toBeNull();
		expect(atCap.text).toMatch(/largest these 40 rows support/);
	});
	it('says when it sits at the bottom of a range that starts above 2; k = 2 at the bottom is no edge', () => {
		expect(kEdge(4, [4, 9], 500, 30)).toMatchObject({ side: 'low', widenTo: null });
		expect(kEdge(2, [2, 9], 500, 30)).toBeNull();
		expect(kEdge(4, [4, 4], 500, 30)).toBeNull();
	});
	it('a k the algorithm found itself (DBSCAN, HDBSCAN): no votes, no knee, no edge, no "turn stability on"', () => {
		const r = recommend([ev(3, 100, 0.2, 0.9, 300)], null, 1, { found: true });
		expect(r.k).toBe(3);
		expect(r.votes).toEqual([]);
		expect(r.best).toEqual({});
		expect(r.edge).toBeNull();
		expect(r.reasons.map((x) => x.kind)).toEqual(['caution', 'actionable']);
	});
});
