/**
 * What changed between the recipe a result was made with and the recipe now being edited, in the words the page
 * shows ("Settings changed since this run: algorithm, k range. Run again"). The chosen k, segment names and the
 * accepted-skipped count change what is shown or saved, not the run, so they never make a result out of date.
 */
import type { Recipe } from './recipe';

export type RecipeChange = 'data' | 'features' | 'preparation' | 'algorithm' | 'k range' | 'seed' | 'evidence' | 'rows left out';

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** JSON with object keys sorted (so a reordered but equal object is equal), undefined and null alike. */
export function canonical(v: unknown): string {
	if (v === undefined || v === null) return 'null';
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
	}
	return JSON.stringify(v);
}

export function recipeChanges(ran: Recipe, now: Recipe): RecipeChange[] {
	const out: RecipeChange[] = [];
	if (ran.source.hash !== now.source.hash || ran.source.rows !== now.source.rows || !same(ran.rfm, now.rfm)) out.push('data');
	if (!same(ran.features, now.features)) out.push('features');
	if (!same(ran.prep, now.prep) || !same(ran.columnTypes, now.columnTypes) || !same(ran.pcaComponents, now.pcaComponents) || ran.idColumn !== now.idColumn) out.push('preparation');
	if (!same(ran.algorithm, now.algorithm)) out.push('algorithm');
	// DBSCAN and HDBSCAN have no k range: changing it does not touch their result.
	const usesK = now.algorithm.name !== 'dbscan' && now.algorithm.name !== 'hdbscan';
	if (usesK && !same(ran.kRange, now.kRange)) out.push('k range');
	if (ran.seed !== now.seed) out.push('seed');
	if (!same(ran.evidence ?? null, now.evidence ?? null) && !(isEmpty(ran.evidence) && isEmpty(now.evidence))) out.push('evidence');
	if (!same(ran.exclude?.rows ?? [], now.exclude?.rows ?? [])) out.push('rows left out');
	return out;
}

const isEmpty = (e: Recipe['evidence']) => !e || (!e.gapB && !e.stabilityB);

/** "Settings changed since this run: algorithm, k range." (with "a loaded recipe" first when one was loaded). */
export function staleMessage(changes: string[]): string {
	return `Settings changed since this run: ${changes.join(', ')}. Run again to update the results.`;
}
