/**
 * Loading and describing the generated files (tests/fixtures/load-golden/files.ts) gives exactly what the engine
 * gave before the load was made faster (golden.json, taken at fe031d1 by make-golden.ts): every column's numbers
 * and codes bit for bit, levels, counts, notes, row offsets, profiles, correlations and the fingerprint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFiles } from '../fixtures/load-golden/files';
import { goldenOf } from '../fixtures/load-golden/golden-of';

const golden = JSON.parse(readFileSync(join('tests', 'fixtures', 'load-golden', 'golden.json'), 'utf8')) as Record<string, unknown>;

describe('load + describe against the golden figures', () => {
	for (const f of goldenFiles()) {
		it(f.name, async () => {
			expect(await goldenOf(f.name, f.text)).toEqual(golden[f.name]);
		});
	}
});
