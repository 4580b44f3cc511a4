/**
 * The one-click remedies of an extreme-segment card (profile/extreme-segments.ts) as changes to a Recipe: a new
 * Recipe, the old one untouched, so the change is recorded and can be undone like any other setting.
 */
import type { Remedy } from './profile/extreme-segments';
import type { Recipe } from './recipe';
import { entriesOf, nameRecord } from './names';

export function applyRemedy(recipe: Recipe, remedy: Remedy): Recipe {
	// Column names are data: a null-prototype copy, so a column called "__proto__" stays a column.
	const prep = { ...recipe.prep, columns: nameRecord(entriesOf(recipe.prep.columns)) };
	switch (remedy.kind) {
		case 'dropFeatures': {
			const drop = new Set(remedy.columns);
			return { ...recipe, prep, features: recipe.features.filter((f) => !drop.has(f)), k: null };
		}
		case 'log1p':
			// One transform per column: log1p replaces a Yeo-Johnson.
			for (const c of remedy.columns) {
				const { yeoJohnson: _y, ...rest } = prep.columns[c] ?? {};
				prep.columns[c] = { ...rest, log1p: true };
			}
			return { ...recipe, prep, k: null };
		case 'minClusterSize':
			return recipe.algorithm.name === 'hdbscan' ? { ...recipe, prep, algorithm: { ...recipe.algorithm, minClusterSize: remedy.value }, k: null } : recipe;
		case 'distinctRows':
			return { ...recipe, prep: { ...prep, distinctRows: true }, k: null };
		case 'setAsideOutliers':
			return { ...recipe, prep: { ...prep, outliers: { method: 'iqr', threshold: 3, action: 'setAside' } }, k: null };
	}
}
