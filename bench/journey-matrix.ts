/**
 * The journey bench's prepared matrix (bench/journey-data.ts's 1,000,000 customers under the engine's default
 * recipe: log1p on the skewed columns, median imputation, z-scores), made once through the engine itself and
 * cached in bench/.data, for the k-means sweep benches.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, readF64 } from './engine-bench-util';
import { writeCustomers } from './journey-data';
import { readTable } from '../src/cli/input';
import { describeTable } from '../src/lib/engine/data/describe';
import { fingerprint } from '../src/lib/engine/data/fingerprint';
import { recipeForTable } from '../src/lib/engine/recipe-for-table';
import { prepare } from '../src/lib/engine/prep/prepare';
import { writeFileSync } from 'node:fs';

export async function journeyMatrix(rows = 1_000_000): Promise<{ X: Float64Array; rows: number; cols: number; seed: number }> {
	const path = join(dataDir, `journey-prepared-${rows}.f64`);
	const meta = path + '.json';
	if (!existsSync(path) || !existsSync(meta)) {
		const csv = join(dataDir, `journey-${rows}.csv`);
		if (!existsSync(csv)) await writeCustomers(csv, rows);
		const table = await readTable(csv);
		const recipe = recipeForTable(fingerprint(table), describeTable(table).profiles);
		const m = prepare(table, recipe);
		writeFileSync(path, Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
		writeFileSync(meta, JSON.stringify({ rows: m.rows, cols: m.cols, seed: recipe.seed, features: recipe.features }));
	}
	const { rows: r, cols, seed } = JSON.parse((await import('node:fs')).readFileSync(meta, 'utf8'));
	return { X: readF64(path), rows: r, cols, seed };
}
