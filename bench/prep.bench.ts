/**
 * Preparation and RFM at scale (Node, one thread — the same code the worker runs):
 * - 1,000,000 rows × 10 numeric columns (lognormal, 2% missing) + one 8-level category: profile with the
 *   correlation matrix, prepare with the defaults, prepare with every step on, the preview, applyFittedPrep;
 * - a 1,000,000-line transaction log (50,000 customers): build the customer table.
 * Run: npm run bench -- prep
 */
import { describeTable } from '../src/lib/engine/data/describe';
import { parseCsv } from '../src/lib/engine/data/csv';
import { applyFittedPrep, prepare } from '../src/lib/engine/prep/prepare';
import { previewPrep } from '../src/lib/engine/prep/preview';
import { buildCustomerTable } from '../src/lib/engine/prep/rfm-table';
import { Rng } from '../src/lib/engine/random';
import type { Column, Table } from '../src/lib/engine/types';

const N = 1_000_000, P = 10;
const rng = new Rng(7);
const normal = () => rng.normal();

function numeric(name: string): Column {
	const numbers = new Float64Array(N);
	let missing = 0;
	for (let i = 0; i < N; i++) {
		if (rng.next() < 0.02) (numbers[i] = NaN), missing++;
		else numbers[i] = Math.round(Math.exp(3 + normal()) * 100) / 100;
	}
	return { name, numbers, codes: null, levels: null, missing, nonNumeric: 0, distinct: N - missing, distinctExact: false };
}
const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const codes = Int32Array.from({ length: N }, () => Math.floor(rng.next() * 8));
const cat: Column = { name: 'region', numbers: new Float64Array(N).fill(NaN), codes, levels, missing: 0, nonNumeric: N, distinct: 8, distinctExact: true };
const columns = [...Array.from({ length: P }, (_, j) => numeric(`x${j}`)), cat];
const table: Table = { name: 'bench.csv', rowCount: N, columns, notes: [], source: { text: '', header: '', delimiter: ',', newline: '\n', rowStart: new Float64Array(N), rowEnd: new Float64Array(N) } };

function time<T>(label: string, f: () => T): T {
	const t0 = performance.now();
	const out = f();
	console.log(`${label.padEnd(58)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms`);
	return out;
}

const features = columns.slice(0, P).map((c) => c.name);
time(`profile + correlation (${N.toLocaleString('en')} × ${P + 1})`, () => describeTable(table));
time('prepare, defaults (median fill, z-score)', () => prepare(table, { features, prep: { missing: 'median', scale: 'zscore' } }));
const full = {
	features: [...features, 'region'],
	prep: {
		missing: 'median' as const,
		scale: 'robust' as const,
		outliers: { method: 'iqr' as const, threshold: 3, action: 'setAside' as const },
		columns: Object.fromEntries(features.map((f) => [f, { log1p: true, clip: [0, 99.9] as [number, number] }]))
	},
	columnTypes: { region: 'categorical' as const }
};
const m = time('prepare, every step (log1p, clip, IQR set-aside, robust, one-hot)', () => prepare(table, full));
time('preview of one column (same pipeline, traced)', () => previewPrep(table, full, 'x0'));
time('applyFittedPrep (no refitting)', () => applyFittedPrep(table, m.fitted));

const lines = ['invoice,customer,when,qty,price'];
for (let i = 0; i < N; i++) {
	const cust = 10000 + Math.floor(rng.next() * 50_000);
	const day = 1 + Math.floor(rng.next() * 28), month = 1 + Math.floor(rng.next() * 12);
	const cancel = rng.next() < 0.02;
	lines.push(`${cancel ? 'C' : ''}${500000 + (i >> 2)},${rng.next() < 0.05 ? '' : cust},2011-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 10:00:00,${cancel ? -1 : 1 + Math.floor(rng.next() * 12)},${(1 + rng.next() * 9).toFixed(2)}`);
}
const log = time(`parse the transaction log (${N.toLocaleString('en')} lines)`, () => parseCsv(lines.join('\n'), 'log.csv'));
const built = time('build the customer table (RFM, scores, segments)', () =>
	buildCustomerTable(log, { customer: 'customer', date: 'when', amount: null, quantity: 'qty', price: 'price', invoice: 'invoice', referenceDate: null, cancelPrefix: 'C', negativeIsReturn: true, returns: 'exclude' })
);
console.log(`customers: ${built.table.rowCount.toLocaleString('en')}; ${built.notes.join(' ')}`);
