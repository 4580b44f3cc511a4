/**
 * The Recipe a new analysis starts from, for a loaded table or for the customer table built from a transaction
 * log — the one function the page (state/workspace.svelte.ts) and the command line (src/cli/main.ts) both call,
 * so their defaults cannot drift apart. defaultRecipe decides features, ids, transforms and the k range; a customer
 * table clusters on recency, frequency and monetary and records how it was built (recipe.rfm).
 */
import type { SourceFingerprint } from './data/fingerprint';
import type { RfmSpec } from './prep/rfm-spec';
import { RFM_DEFAULT_FEATURES } from './prep/rfm-table';
import { defaultRecipe, type Recipe } from './recipe';
import type { ColumnProfile } from './types';

export function recipeForTable(source: SourceFingerprint, profiles: ColumnProfile[], rfm: RfmSpec | null = null): Recipe {
	const recipe = defaultRecipe(source, profiles);
	if (rfm) {
		recipe.rfm = rfm;
		recipe.features = RFM_DEFAULT_FEATURES.filter((f) => profiles.some((p) => p.name === f));
	}
	return recipe;
}
