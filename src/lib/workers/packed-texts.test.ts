import { describe, expect, it } from 'vitest';
import { packTexts, textAt } from './packed-texts';

describe('packTexts', () => {
	it('gives back every text, empty ones and non-ASCII included', () => {
		const texts = ['C-001', '', 'Zoë', '🙂x', 'last'];
		const p = packTexts(texts);
		expect(texts.map((_, i) => textAt(p, i))).toEqual(texts);
		expect(p.end).toBeInstanceOf(Int32Array);
	});
});
