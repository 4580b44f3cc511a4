import { describe, expect, it } from 'vitest';
import { checkFitsInMemory, MAX_TEXT_CHARS } from './memory';

describe('checkFitsInMemory', () => {
	it('accepts ordinary files and refuses, before reading, what this device cannot hold', () => {
		expect(() => checkFitsInMemory('a.csv', 80e6, 8)).not.toThrow();
		expect(() => checkFitsInMemory('a.csv', 80e6, 0.5)).toThrow(/need about .* reports 0.5 GB/);
		expect(() => checkFitsInMemory('a.csv', MAX_TEXT_CHARS + 1, 8)).toThrow(/larger than the .* of text a browser can hold/);
		expect(() => checkFitsInMemory('a.xlsx', 300e6, 8)).toThrow(/more than this device/);
	});
});
