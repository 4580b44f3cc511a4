/**
 * The model file's schema (docs/model-schema.md), checked field by field before anything is scored: a file can hold
 * anything, and a tampered one must end in a message that names the field — never in "Cannot read properties of
 * null", a silent score with missing mixture parameters, an unknown scaling, or duplicated features.
 */
import { EngineError } from '../errors';
import { MISSING_STRATEGIES, SCALE_METHODS, COVARIANCE_KINDS } from '../recipe';
import type { FittedPrep } from '../types';
import type { SegmentModel } from './model';

const HINT = 'Download the model again from Segment Lab (or write it with segment-lab run --model).';

/** Field checks that throw a bad-recipe EngineError naming the field (a dotted path) and what it must be. */
export class FieldCheck {
	constructor(private readonly what: string, private readonly hint: string) {}

	fail(path: string, must: string): never {
		throw new EngineError('bad-recipe', `The ${this.what} is not valid: "${path}" ${must}.`, this.hint);
	}
	object(v: unknown, path: string): Record<string, unknown> {
		if (!v || typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'must be an object');
		return v as Record<string, unknown>;
	}
	array(v: unknown, path: string, length?: number): unknown[] {
		if (!Array.isArray(v)) this.fail(path, length === undefined ? 'must be a list' : `must be a list of ${length}`);
		if (length !== undefined && v.length !== length) this.fail(path, `must have ${length} entries (it has ${v.length})`);
		return v;
	}
	numbers(v: unknown, path: string, length?: number, ok: (x: number) => boolean = Number.isFinite, what = 'finite numbers'): number[] {
		const a = this.array(v, path, length);
		// An index loop, not forEach: a hole in a list must not pass unchecked.
		for (let i = 0; i < a.length; i++) {
			const x = a[i];
			if (typeof x !== 'number' || !ok(x)) this.fail(`${path}[${i}]`, `must be one of the ${what} (it is ${JSON.stringify(x) ?? 'missing'})`);
		}
		return a as number[];
	}
	strings(v: unknown, path: string, length?: number, unique = false): string[] {
		const a = this.array(v, path, length);
		for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') this.fail(`${path}[${i}]`, 'must be a text');
		if (unique) {
			const seen = new Set<string>();
			for (const x of a as string[]) {
				if (seen.has(x)) this.fail(path, `names "${x}" more than once`);
				seen.add(x);
			}
		}
		return a as string[];
	}
	int(v: unknown, path: string, lo: number, hi = Number.MAX_SAFE_INTEGER): number {
		if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) this.fail(path, `must be a whole number from ${lo}${hi < Number.MAX_SAFE_INTEGER ? ` to ${hi}` : ' up'} (it is ${JSON.stringify(v)})`);
		return v;
	}
	oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
		if (typeof v !== 'string' || !options.includes(v as T)) this.fail(path, `must be one of ${options.join(', ')} (it is ${JSON.stringify(v)})`);
		return v as T;
	}
	pairOrNull(v: unknown, path: string): void {
		if (v !== null) this.numbers(v, path, 2);
	}
}

/** Checks every field scoring reads; returns the model and its fitted preparation with typed arrays. */
export function validateModel(value: unknown): { model: SegmentModel; fitted: FittedPrep } {
	const c = new FieldCheck('model file', HINT);
	const m = c.object(value, '(the file)');
	if (m.format !== 'segment-lab-model') c.fail('format', 'must be "segment-lab-model"');
	if (m.version !== 1) c.fail('version', `must be 1, the version this Segment Lab reads (it is ${JSON.stringify(m.version)})`);
	const k = c.int(m.k, 'k', 1, 1000);
	const recipe = c.object(m.recipe, 'recipe');
	if (recipe.idColumn !== null && recipe.idColumn !== undefined && typeof recipe.idColumn !== 'string') c.fail('recipe.idColumn', 'must be a column name or null');
	const source = c.object(m.source, 'source');
	if (typeof source.name !== 'string') c.fail('source.name', 'must be the training file name');
	const features = c.strings(m.features, 'features', undefined, true);
	if (features.length === 0) c.fail('features', 'must name at least one feature');
	const f = c.object(m.fitted, 'fitted');
	const fFeatures = c.strings(f.features, 'fitted.features', features.length, true);
	for (let i = 0; i < fFeatures.length; i++) if (fFeatures[i] !== features[i]) c.fail(`fitted.features[${i}]`, `must be "${features[i]}", as in "features"`);
	const columns = c.strings(f.columns, 'fitted.columns', undefined, true);
	const cols = columns.length;
	const per = c.array(f.perFeature, 'fitted.perFeature', features.length);
	let offset = 0;
	for (let i = 0; i < per.length; i++) {
		const at = `fitted.perFeature[${i}]`;
		const p = c.object(per[i], at);
		if (p.name !== features[i]) c.fail(`${at}.name`, `must be "${features[i]}"`);
		const enc = c.oneOf(p.encoding, `${at}.encoding`, ['numeric', 'categorical'] as const);
		c.oneOf(p.missing, `${at}.missing`, MISSING_STRATEGIES);
		if (p.fill !== null && typeof p.fill !== 'number' && typeof p.fill !== 'string') c.fail(`${at}.fill`, 'must be a number, a text or null');
		c.pairOrNull(p.clip, `${at}.clip`);
		c.pairOrNull(p.outlierBounds, `${at}.outlierBounds`);
		if (typeof p.log1p !== 'boolean') c.fail(`${at}.log1p`, 'must be true or false');
		const width = c.int(p.width, `${at}.width`, 1);
		if (c.int(p.offset, `${at}.offset`, 0) !== offset) c.fail(`${at}.offset`, `must be ${offset} (the features' columns follow one another)`);
		if (enc === 'categorical') c.strings(p.levels, `${at}.levels`, width, true);
		else if (width !== 1) c.fail(`${at}.width`, 'must be 1 for a numeric feature');
		offset += width;
	}
	if (offset !== cols) c.fail('fitted.columns', `must list ${offset} prepared columns, as fitted.perFeature adds up to (it lists ${cols})`);
	const o = c.object(f.outliers, 'fitted.outliers');
	c.oneOf(o.method, 'fitted.outliers.method', ['none', 'iqr', 'zscore'] as const);
	c.oneOf(o.action, 'fitted.outliers.action', ['flag', 'clip', 'setAside'] as const);
	c.numbers([o.threshold], 'fitted.outliers.threshold', 1, (x) => x > 0, 'numbers above 0');
	const scale = c.object(f.scale, 'fitted.scale');
	const methods = c.array(scale.methods, 'fitted.scale.methods', cols);
	for (let j = 0; j < cols; j++) c.oneOf(methods[j], `fitted.scale.methods[${j}]`, SCALE_METHODS);
	const center = c.numbers(scale.center, 'fitted.scale.center', cols);
	const scaleBy = c.numbers(scale.scale, 'fitted.scale.scale', cols, (x) => Number.isFinite(x) && x > 0, 'finite numbers above 0');
	const weights = c.numbers(f.weights, 'fitted.weights', cols, (x) => Number.isFinite(x) && x >= 0, 'finite numbers of 0 or more');
	const centers = c.array(m.centers, 'centers', k);
	for (let s = 0; s < k; s++) c.numbers(centers[s], `centers[${s}]`, cols);
	const assignment = c.oneOf(m.assignment, 'assignment', ['nearest-centre', 'gaussian-mixture', 'nearest-medoid-gower', 'nearest-prototype'] as const);
	const algName = (recipe.algorithm as { name?: unknown } | null | undefined)?.name;
	if (algName === 'pam' && assignment !== 'nearest-medoid-gower') c.fail('assignment', 'must be "nearest-medoid-gower" for a PAM model');
	if (algName === 'kprototypes' && assignment !== 'nearest-prototype') c.fail('assignment', 'must be "nearest-prototype" for a k-prototypes model');
	if (assignment === 'nearest-medoid-gower') {
		const mx = c.object(m.mixed, 'mixed');
		if (mx.kind !== 'gower') c.fail('mixed.kind', 'must be "gower" for a PAM model');
		c.numbers(mx.min, 'mixed.min', features.length);
		c.numbers(mx.range, 'mixed.range', features.length, (x) => Number.isFinite(x) && x > 0, 'finite numbers above 0');
	}
	if (assignment === 'nearest-prototype') {
		const mx = c.object(m.mixed, 'mixed');
		if (mx.kind !== 'kprototypes') c.fail('mixed.kind', 'must be "kprototypes" for a k-prototypes model');
		c.numbers([mx.gamma], 'mixed.gamma', 1, (x) => Number.isFinite(x) && x >= 0, 'finite numbers of 0 or more');
	}
	const gmm = (recipe.algorithm as { name?: unknown } | null | undefined)?.name === 'gmm';
	if (assignment === 'gaussian-mixture' || gmm || m.mixture !== undefined) {
		if (gmm && assignment !== 'gaussian-mixture') c.fail('assignment', 'must be "gaussian-mixture" for a Gaussian mixture model');
		validateMixture(c, m.mixture, k, cols);
	}
	const segments = c.array(m.segments, 'segments', k);
	for (let s = 0; s < k; s++) {
		const seg = c.object(segments[s], `segments[${s}]`);
		if (typeof seg.name !== 'string') c.fail(`segments[${s}].name`, 'must be a text');
		c.numbers([seg.share], `segments[${s}].share`, 1, (x) => x >= 0 && x <= 1, 'shares from 0 to 1');
	}
	const training = c.object(m.training, 'training');
	const dists = c.array(training.distributions, 'training.distributions');
	for (let i = 0; i < dists.length; i++) {
		const at = `training.distributions[${i}]`;
		const d = c.object(dists[i], at);
		if (typeof d.feature !== 'string' || !features.includes(d.feature)) c.fail(`${at}.feature`, 'must be one of the features');
		const edges = c.numbers(d.edges, `${at}.edges`);
		c.numbers(d.shares, `${at}.shares`, edges.length + 2, (x) => x >= 0 && x <= 1, 'shares from 0 to 1');
	}
	const model = value as SegmentModel;
	const fitted = { ...(model.fitted as unknown as FittedPrep), scale: { methods: model.fitted.scale.methods, center: Float64Array.from(center), scale: Float64Array.from(scaleBy) }, weights: Float64Array.from(weights) };
	return { model, fitted };
}

function validateMixture(c: FieldCheck, value: unknown, k: number, cols: number): void {
	if (value === undefined || value === null) c.fail('mixture', 'must hold the fitted mixture (weights, means, covariances, precisionsCholesky) of a Gaussian mixture model');
	const mx = c.object(value, 'mixture');
	const type = c.oneOf(mx.covarianceType, 'mixture.covarianceType', COVARIANCE_KINDS);
	const w = c.numbers(mx.weights, 'mixture.weights', k, (x) => x >= 0 && x <= 1, 'weights from 0 to 1');
	if (Math.abs(w.reduce((s, x) => s + x, 0) - 1) > 1e-6) c.fail('mixture.weights', 'must add up to 1');
	c.numbers(mx.means, 'mixture.means', k * cols);
	const per = { full: k * cols * cols, diag: k * cols, spherical: k, tied: cols * cols }[type];
	c.numbers(mx.covariances, 'mixture.covariances', per);
	c.numbers(mx.precisionsCholesky, 'mixture.precisionsCholesky', per);
}
