/**
 * A plain k-prototypes written for the tests straight from Huang (1998), "Extensions to the k-Means Algorithm
 * for Clustering Large Data Sets with Categorical Values", §4 — deliberately naive (prototypes recomputed from
 * their member lists after every change, records as arrays of values) so that it shares no code or bookkeeping
 * with the engine (src/lib/engine/cluster/kprototypes-run.ts). Huang's steps:
 *   (1) select k initial prototypes;
 *   (2) allocate each object to the cluster whose prototype is nearest by d = Σ(x−q)² + γ·Σδ(x, q), updating
 *       the prototype after each allocation (means of numeric attributes, modes of categorical ones);
 *   (3) retest every object against the current prototypes; when an object's nearest prototype belongs to
 *       another cluster, reallocate it and update the prototypes of both clusters;
 *   (4) repeat (3) until a full cycle moves no object.
 * The choices the paper leaves open are the engine's documented ones: ties → lowest cluster; move only when
 * strictly nearer; mode ties → lowest code, missing (−1) not counted and always a mismatch; an empty cluster
 * keeps its starting record; an object alone in its cluster stays.
 */
export interface RefRecord {
	num: number[];
	cat: number[];
}

export function referenceKPrototypes(records: RefRecord[], k: number, gamma: number, starts: number[], catWeights: number[] | null = null, maxCycles = 100) {
	const pc = records[0].cat.length;
	const members: number[][] = Array.from({ length: k }, () => []);
	const protos: RefRecord[] = starts.map((s) => ({ num: [...records[s].num], cat: [...records[s].cat] }));
	const weight = (a: number) => (catWeights ? catWeights[a] : 1);
	const dist = (x: RefRecord, q: RefRecord) => {
		let s = 0;
		x.num.forEach((v, j) => (s += (v - q.num[j]) * (v - q.num[j])));
		let m = 0;
		x.cat.forEach((c, a) => { if (c < 0 || c !== q.cat[a]) m += weight(a); });
		return s + gamma * m;
	};
	const update = (l: number) => {
		const ms = members[l];
		if (ms.length === 0) return;
		protos[l].num = protos[l].num.map((_, j) => ms.reduce((acc, i) => acc + records[i].num[j], 0) / ms.length);
		protos[l].cat = Array.from({ length: pc }, (_, a) => {
			const freq = new Map<number, number>();
			for (const i of ms) { const c = records[i].cat[a]; if (c >= 0) freq.set(c, (freq.get(c) ?? 0) + 1); }
			let best = -1, bestN = 0;
			for (const [c, n] of [...freq.entries()].sort((x, y) => x[0] - y[0])) if (n > bestN) { best = c; bestN = n; }
			return best;
		});
	};
	const nearest = (x: RefRecord) => {
		let best = 0;
		for (let l = 1; l < k; l++) if (dist(x, protos[l]) < dist(x, protos[best])) best = l;
		return best;
	};
	const label = new Array<number>(records.length);
	records.forEach((x, i) => { label[i] = nearest(x); members[label[i]].push(i); update(label[i]); });
	let cycles = 0;
	for (; cycles < maxCycles; cycles++) {
		let moved = false;
		records.forEach((x, i) => {
			const cur = label[i];
			if (members[cur].length === 1) return;
			const l = nearest(x);
			if (l !== cur && dist(x, protos[l]) < dist(x, protos[cur])) {
				members[cur] = members[cur].filter((m) => m !== i);
				members[l].push(i);
				label[i] = l;
				update(cur);
				update(l);
				moved = true;
			}
		});
		if (!moved) break;
	}
	const cost = records.reduce((acc, x, i) => acc + dist(x, protos[label[i]]), 0);
	return { labels: label, prototypes: protos, cost };
}
