import { describe, expect, it } from 'vitest';
import { tsne } from '../lib/engine/project/tsne';
import { Rng } from '../lib/engine/random';
import { withRepulsionHelper } from './tsne-threads';

describe('two-thread t-SNE (shared-memory repulsion helper)', () => {
	it('gives bit-identical positions to one thread', async () => {
		const rng = new Rng(8);
		const n = 600, cols = 4;
		const X = Float64Array.from({ length: n * cols }, () => rng.normal());
		const one = tsne(X, n, cols, { perplexity: 20, nIter: 150 }, { seed: 1 });
		const two = await withRepulsionHelper(n, (shared) => tsne(X, n, cols, { perplexity: 20, nIter: 150 }, { seed: 1, shared }).slice());
		expect(Array.from(two)).toEqual(Array.from(one));
	});
});
