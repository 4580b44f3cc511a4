import { describe, expect, it } from 'vitest';
import { openArena, releaseIdleArenas } from './kmeans-wasm';

describe('releaseIdleArenas', () => {
	it('a closed arena is reused until the idle memories are released', () => {
		const a = openArena(1 << 20);
		if (!a) return expect(a).toBeNull(); // no WebAssembly SIMD here: nothing is pooled
		const memory = a.buffer;
		a.close();
		const b = openArena(1 << 20)!;
		expect(b.buffer).toBe(memory); // the pool kept it
		b.close();
		releaseIdleArenas();
		const c = openArena(1 << 20)!;
		expect(c.buffer).not.toBe(memory); // a new memory: the old one is left to the garbage collector
		c.close();
		releaseIdleArenas();
	});
});
