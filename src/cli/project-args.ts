// `segment-lab project`: its flags, one entry each (see flag-table.ts).
import { EMBED_MAX_ROWS } from '../lib/engine/project/stratified-sample';
import { PREP_FLAGS } from './args';
import type { CommandSpec } from './flag-table';

export const PROJECT_SPEC: CommandSpec = {
	name: 'project',
	summary: "the projection view's two coordinates per row (PCA, t-SNE or UMAP), with the same preparation and seed handling as the page.",
	synopsis: ['--input FILE [--method pca|tsne|umap] [options] --out COORDS.csv'],
	flags: [
		{ name: 'input', type: 'path', value: 'FILE', required: true, help: 'the data file; "-" reads standard input' },
		{ name: 'method', type: 'choice', value: 'M', choices: ['pca', 'tsne', 'umap'], default: 'pca', help: 'the projection' },
		...PREP_FLAGS,
		{ name: 'perplexity', type: 'number', value: 'P', above: 0, default: '30', algorithms: ['tsne'], help: 't-SNE perplexity' },
		{ name: 'iterations', type: 'int', value: 'N', min: 1, max: 100_000, default: '1000', algorithms: ['tsne'], help: 't-SNE iterations' },
		{ name: 'neighbors', type: 'int', value: 'N', min: 2, max: 1000, default: '15', algorithms: ['umap'], help: 'UMAP neighbours' },
		{ name: 'max-rows', type: 'int', value: 'N', min: 0, default: String(EMBED_MAX_ROWS), algorithms: ['tsne', 'umap'], why: 'PCA projects every row', help: 't-SNE/UMAP embed a random sample of N rows above N (0 = all rows)' },
		{ name: 'seed', type: 'int', value: 'N', min: 0, max: 2 ** 32 - 1, default: '0', help: 'random seed' },
		{ name: 'out', type: 'path', value: 'FILE', required: true, help: 'CSV: table row (1-based), the id column if any, and the two coordinates; "-" writes it to standard output' },
		{ name: 'accept-skipped', type: 'boolean', help: 'go on when lines of the input could not be read as rows (as for run)' }
	],
	examples: ['segment-lab project --input customers.csv --method umap --out umap.csv', 'segment-lab project --input customers.csv --out - | head'],
	selector: 'method'
};

export interface ProjectArgs {
	input: string;
	method?: 'pca' | 'tsne' | 'umap';
	columns?: string[];
	scale?: string;
	missing?: string;
	perplexity?: number;
	iterations?: number;
	neighbors?: number;
	maxRows?: number;
	seed?: number;
	out: string;
	acceptSkipped?: boolean;
}
