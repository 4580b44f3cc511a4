/**
 * "Set all to …" in the preparation table: one setting written into every feature's own row, and made the
 * default for features chosen later. The per-feature preparation stays the only place a scaling or a
 * missing-value rule is chosen; this is a shortcut that fills it, so what each row shows is what runs.
 */
import { nameRecord, entriesOf, own } from '../names';
import type { ColumnPrep, MissingStrategy, PrepSpec, ScaleMethod } from '../recipe';

export interface FeatureKind {
	name: string;
	/** Categorical (or a boolean/constant column without numbers): one-hot indicators, never scaled. */
	oneHot: boolean;
}

export type SetAll = { scale: ScaleMethod } | { missing: Exclude<MissingStrategy, 'constant'> };

/** The preparation with `setting` in every feature's row (one-hot columns: no scaling; the mode for mean/median). */
export function setAllColumns(prep: PrepSpec, features: readonly FeatureKind[], setting: SetAll): PrepSpec {
	const columns = nameRecord<ColumnPrep>(entriesOf(prep.columns));
	for (const f of features) {
		const c: ColumnPrep = { ...(own(columns, f.name) ?? {}) };
		if ('scale' in setting) {
			if (f.oneHot) continue;
			c.scale = setting.scale;
		} else {
			// A mean or a median of a categorical column does not exist: its most frequent level stands in.
			c.missing = f.oneHot && (setting.missing === 'mean' || setting.missing === 'median') ? 'mode' : setting.missing;
			delete c.fillValue;
		}
		Object.defineProperty(columns, f.name, { value: c, enumerable: true, writable: true, configurable: true });
	}
	return { ...prep, ...setting, columns };
}
