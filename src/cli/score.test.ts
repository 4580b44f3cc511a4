import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const DEMO = new URL('../../static/demo/customers.csv', import.meta.url).pathname;

describe('segment-lab run --model, then score', () => {
	it('writes a model whose scoring of the training file gives the same segments', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'segment-lab-score-'));
		const [out, model, scored] = ['a.csv', 'm.json', 's.csv'].map((f) => join(dir, f));
		expect(await main(['run', '--input', DEMO, '--k', '6', '--out', out, '--model', model])).toBe(0);
		expect(JSON.parse(readFileSync(model, 'utf8')).format).toBe('segment-lab-model');
		expect(await main(['score', '--model', model, '--input', DEMO, '--out', scored])).toBe(0);
		const seg = (text: string) => text.trimEnd().split('\n').map((l) => l.split(',').slice(8, 11).join(','));
		expect(seg(readFileSync(scored, 'utf8')).slice(1)).toEqual(seg(readFileSync(out, 'utf8')).slice(1));
	});
});
