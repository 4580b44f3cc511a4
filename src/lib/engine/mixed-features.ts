/**
 * The features for PAM and k-prototypes when the user has not chosen them: the numeric defaults plus every
 * categorical column a person would segment on — 2 to MAX_LEVELS levels (more would be one-hot refused and
 * rarely describe customers), not the id, not near-constant (one level in ≥ 99% of filled cells).
 */
import { MAX_LEVELS } from './prep/encode';
import type { ColumnProfile } from './types';

export function withCategoricalFeatures(profiles: ColumnProfile[], features: string[], idColumn: string | null): { features: string[]; added: string[] } {
	const have = new Set(features);
	const added = profiles
		.filter((p) => (p.kind === 'categorical' || p.kind === 'boolean') && !have.has(p.name) && p.name !== idColumn)
		.filter((p) => p.distinct >= 2 && p.distinct <= MAX_LEVELS && (p.dominantShare ?? 0) < 0.99)
		.map((p) => p.name);
	// Table order, so the features read as the file does.
	const order = new Map(profiles.map((p, i) => [p.name, i]));
	const all = [...features, ...added].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
	return { features: all, added };
}
