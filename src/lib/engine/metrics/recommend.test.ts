import { describe, expect, it } from 'vitest';
import { recommend, type KEvidence } from './recommend';
import { silhouetteEstimate, tQuantile975 } from './silhouette-ci';
import { silhouetteScore } from './silhouette';
import { Rng } from '../random';

const ev = (k: number, inertia: number, silhouette: number, daviesBouldin: number, calinskiHarabasz: number): KEvidence => ({ k, inertia, silhouette, daviesBouldin, calinskiHarabasz });

describe('recommend', () => {
	it('cautions when the chosen k has a mean silhouette of 0.25 or less, and only then', () => {
		const weak = recommend([ev(2, 1000, 0.21, 1.4, 90), ev(3, 800, 0.25, 1.5, 80), ev(4, 700, 0.18, 1.6, 70)]);
		const s = { 2: '0.210', 3: '0.250', 4: '0.180' }[weak.k as 2 | 3 | 4];
		expect(weak.reasons.find((x) => x.kind === 'caution')?.text).toContain(`mean silhouette at k = ${weak.k} is ${s}, at or below 0.25`);
		const clear = recommend([ev(2, 1000, 0.4, 0.9, 300), ev(3, 500, 0.62, 0.5, 800), ev(4, 450, 0.5, 0.6, 700)]);
		expect(clear.reasons.some((x) => x.kind === 'caution')).toBe(false);
	});

	it('one k tried: no metric is said to prefer or agree on it; the reader is told there was nothing to compare', () => {
		const r = recommend([ev(6, 2178, 0.32, 0.99, 2750)]);
		expect(r.k).toBe(6);
		expect(r.votes).toEqual([]);
		expect(r.agree).toEqual([]);
		expect(r.reasons.some((x) => x.kind === 'agree' || x.kind === 'knee' || x.kind === 'disagree')).toBe(false);
		expect(r.reasons[0]).toEqual({ kind: 'caution', text: expect.stringMatching(/^Only k = 6 was tried, so no metric could compare it/) });
		expect(r.reasons.find((x) => x.kind === 'actionable')!.text).toMatch(/k = 6 is within the 5–8 segments/);
		// Its own cautions stay: a weak silhouette is still said.
		expect(recommend([ev(3, 900, 0.2, 1.5, 80)]).reasons.some((x) => /at or below 0.25/.test(x.text))).toBe(true);
	});

	const curve = [ev(2, 1000, 0.4, 0.9, 300), ev(3, 500, 0.5, 0.7, 500), ev(4, 200, 0.62, 0.5, 800), ev(5, 180, 0.55, 0.6, 700), ev(6, 170, 0.5, 0.65, 650), ev(7, 165, 0.45, 0.7, 600)];
	it('follows the metrics that agree and names them, with the knee and its sensitivity', () => {
		const r = recommend(curve);
		expect(r.k).toBe(4);
		expect(r.agree).toEqual(['silhouette', 'daviesBouldin', 'calinskiHarabasz', 'knee']);
		expect(r.knee).toEqual({ k: 4, sensitivity: 1 });
		expect(r.reasons.find((x) => x.kind === 'knee')!.text).toMatch(/knee is at k = 4 \(Kneedle, sensitivity S = 1/);
		expect(r.reasons.find((x) => x.kind === 'actionable')!.text).toMatch(/5–8 segments.*k = 5 has the best mean silhouette/);
		expect(r.reasons.find((x) => x.kind === 'stability')!.text).toMatch(/not computed/);
	});
	it('explains disagreement and reports stability', () => {
		const c = curve.map((e) => ({ ...e, calinskiHarabasz: e.k === 7 ? 2000 : e.calinskiHarabasz, stability: { meanAri: e.k === 4 ? 0.8 : 0.9, labels: Array.from({ length: e.k }, (_, i) => (i === 0 ? 'doubtful' as const : 'stable' as const)) } }));
		const r = recommend(c);
		expect(r.k).toBe(4);
		expect(r.disagree).toContain('calinskiHarabasz');
		expect(r.reasons.some((x) => x.kind === 'disagree' && /Calinski–Harabasz prefers k = 7/.test(x.text))).toBe(true);
		expect(r.reasons.find((x) => x.kind === 'stability')!.text).toMatch(/mean ARI of 0.80; 3 of 4 segments are stable, 1 doubtful, 0 dissolving/);
	});
	it('never recommends a mixture scikit-learn would refuse (ill-defined covariance), and says why; all refused still gives a k', () => {
		const bics: Record<number, number> = { 2: 900, 3: 800, 4: 500, 5: 600, 6: 650, 7: 700 };
		const mix = curve.map((e) => ({ ...e, gmm: { bic: bics[e.k], aic: bics[e.k], illDefined: e.k === 4 ? 'ill-defined fit: …' : null } }));
		const r = recommend(mix);
		expect(r.k).not.toBe(4);
		expect(Object.values(r.best)).not.toContain(4);
		expect(r.reasons[0]).toEqual({ kind: 'caution', text: expect.stringMatching(/^k = 4 is not recommended: the mixture fit is ill-defined.*scikit-learn refuses/) });
		expect(recommend(mix.map((e) => ({ ...e, gmm: { ...e.gmm, illDefined: null } }))).k).toBe(4);
		const all = recommend(mix.map((e) => ({ ...e, gmm: { ...e.gmm, illDefined: 'x' } })));
		expect(all.k).toBe(4);
		expect(all.reasons[0].text).toMatch(/^Every k tried gives an ill-defined mixture/);
	});
	it('says a knee that disagrees once, on its own line, with the reason', () => {
		// Inertia with its sharpest bend at k = 3 while the separation metrics agree on k = 4.
		const c = curve.map((e) => ({ ...e, inertia: { 2: 1000, 3: 300, 4: 260, 5: 230, 6: 210, 7: 195 }[e.k]! }));
		const r = recommend(c);
		expect(r.k).toBe(4);
		expect(r.knee.k).toBe(3);
		expect(r.disagree).toContain('knee');
		expect(r.reasons.filter((x) => /k = 3/.test(x.text) && /knee|Elbow/.test(x.text))).toHaveLength(1);
		expect(r.reasons.find((x) => x.kind === 'knee')!.text).toMatch(/knee is at k = 3 .*: it differs from k = 4 because the knee marks where returns start to diminish/);
		expect(r.reasons.some((x) => x.kind === 'disagree' && /Elbow/.test(x.text))).toBe(false);
	});
	it('ties go to the higher silhouette', () => {
		const r = recommend([ev(2, 100, 0.3, 0.5, 10), ev(3, 90, 0.35, 0.9, 20)]);
		expect(r.k).toBe(3);
	});
});

describe('silhouette estimate', () => {
	const rng = new Rng(3);
	const n = 3000;
	const X = Float64Array.from({ length: n * 2 }, (_, i) => rng.normal() + (Math.floor(i / 2) % 3) * 4);
	const L = Int32Array.from({ length: n }, (_, i) => i % 3);
	it('is exact below the threshold, with no interval', () => {
		const s = silhouetteEstimate(X, n, 2, L, 3, { exactMax: 5000, sampleSize: 500, repeats: 5, seed: 1 });
		expect(s.exact).toBe(true);
		expect(s.ci).toBeNull();
		expect(s.mean).toBeCloseTo(silhouetteScore(X, n, 2, L, 3), 12);
	});
	it('samples above it, says so, and its 95% interval covers the exact value', () => {
		const s = silhouetteEstimate(X, n, 2, L, 3, { exactMax: 1000, sampleSize: 800, repeats: 6, seed: 1 });
		expect(s.exact).toBe(false);
		expect(s.repeats).toBe(6);
		expect(s.sampleSize).toBe(800);
		expect(s.sampleRows!.length).toBe(800);
		const exact = silhouetteScore(X, n, 2, L, 3);
		expect(s.ci![0]).toBeLessThanOrEqual(exact);
		expect(s.ci![1]).toBeGreaterThanOrEqual(exact);
		expect(s.mean).toBeCloseTo(s.sampleMeans.reduce((a, b) => a + b) / 6, 14);
	});
	it('t quantiles', () => {
		expect(tQuantile975(4)).toBe(2.776);
		expect(tQuantile975(100)).toBe(1.96);
	});
});
