/**
 * Track segments over time: the next period's file scored with a saved model (score.ts), against the scored file
 * of the previous period. Segment sizes then and now with the change, an alert for every segment that grows or
 * shrinks by more than a threshold (default 20%, the usual rule in CRM practice), drift per feature (PSI against
 * the training data, score.ts) and, when both files carry the customer id, a migration matrix: who moved from
 * which segment to which. Rows without a segment in a period (not clustered, or DBSCAN noise) count as absent
 * from that period. Changes are in customers (counts); shares are given beside them.
 */
import { cellTexts } from '../data/cell-text';
import { EngineError } from '../errors';
import type { Table } from '../types';
import { scoreTable, type FeatureDrift, type ScoreResult } from './score';

export const DEFAULT_ALERT = 0.2;
/** Below this many customers before, an alert says the change may be chance. */
export const SMALL_SEGMENT = 30;

export interface SizeChange {
	/** 1-based, as in the files. */
	segment: number;
	name: string;
	before: number;
	after: number;
	/** (after − before) / before; null when the segment was empty before. */
	change: number | null;
	shareBefore: number;
	shareAfter: number;
	alert: 'grew' | 'shrank' | null;
}

export interface Migration {
	id: string;
	/** Row labels: "1. Name" … "k. Name", then "new" (only in the current file). */
	from: string[];
	/** Column labels: "1. Name" … "k. Name", then "gone" (only in the previous file). */
	to: string[];
	/** (k + 1) × (k + 1) counts; [k][k] is always 0. */
	counts: number[][];
	/** Each row's counts over its total (NaN for an empty row). */
	shares: number[][];
	/** Customers segmented in both periods, and those of them in the same segment. */
	matched: number;
	stayed: number;
}

export interface TrackResult {
	score: ScoreResult;
	alert: number;
	sizes: SizeChange[];
	alerts: string[];
	drift: FeatureDrift[];
	migration: Migration | null;
	notes: string[];
}

export function trackPeriods(modelJson: unknown, previous: Table, current: Table, opts: { id?: string | null; alert?: number } = {}): TrackResult {
	const alert = opts.alert ?? DEFAULT_ALERT;
	if (!(alert > 0) || !Number.isFinite(alert)) throw new EngineError('bad-parameter', `The alert threshold must be a share above 0 (0.2 = 20%), not ${alert}.`, 'Use for example --alert 0.2.');
	const score = scoreTable(modelJson, current);
	const k = score.model.k;
	const names = score.model.segments.map((s) => s.name);
	const before = previousSegments(previous, k);
	const after = new Int32Array(current.rowCount).fill(-1);
	score.rowIndex.forEach((r, i) => (after[r] = score.labels[i]));
	const countB = counts(before, k), countA = counts(after, k);
	const totB = countB.reduce((a, b) => a + b, 0), totA = countA.reduce((a, b) => a + b, 0);
	const sizes: SizeChange[] = names.map((name, s) => {
		const change = countB[s] ? (countA[s] - countB[s]) / countB[s] : null;
		const flag = change === null ? (countA[s] ? 'grew' : null) : change > alert ? 'grew' : change < -alert ? 'shrank' : null;
		return { segment: s + 1, name, before: countB[s], after: countA[s], change, shareBefore: totB ? countB[s] / totB : 0, shareAfter: totA ? countA[s] / totA : 0, alert: flag };
	});
	// A segment of a few customers crosses any threshold by chance: still flagged, with a word of caution.
	const small = (z: SizeChange) => (z.before < SMALL_SEGMENT ? ` Only ${z.before} customers before: a change of ${Math.abs(z.after - z.before)} may be chance.` : '');
	const alerts = sizes.filter((z) => z.alert).map((z) =>
		z.change === null
			? `Segment ${z.segment} (${z.name}) was empty and now has ${z.after} customers.`
			: `Segment ${z.segment} (${z.name}) ${z.alert} by ${Math.abs(z.change * 100).toFixed(1)}%: ${z.before} → ${z.after} customers (the alert is at ${(alert * 100).toFixed(0)}% either way).${small(z)}`
	);
	const notes: string[] = [];
	const id = opts.id === undefined ? score.model.recipe.idColumn : opts.id;
	let migration: Migration | null = null;
	if (id) {
		const missingIn = [previous, current].filter((t) => !t.columns.some((c) => c.name === id)).map((t) => `"${t.name}"`);
		if (missingIn.length) throw new EngineError('bad-parameter', `The id column "${id}" is not in ${missingIn.join(' or ')}.`, 'Name the customer id column both files share with --id, or leave it out for sizes and drift only.');
		migration = migrate(id, previous, before, current, after, names);
	} else notes.push('No customer id column: sizes and drift only, no migration matrix (name one with --id).');
	return { score, alert, sizes, alerts, drift: score.drift, migration, notes };
}

/** The segment (0-based, −1 = none) of every row of a scored file: its `segment` column, 1 … k or blank. */
function previousSegments(t: Table, k: number): Int32Array {
	const col = t.columns.find((c) => c.name === 'segment');
	if (!col) throw new EngineError('bad-parameter', `"${t.name}" has no "segment" column.`, 'Give the scored file of the previous period, written by segment-lab run --out or segment-lab score --out.');
	return Int32Array.from(col.numbers, (v, r) => {
		if (Number.isNaN(v) || v === -1) return -1;
		if (!Number.isInteger(v) || v < 1 || v > k) {
			throw new EngineError('bad-parameter', `"${t.name}", row ${r + 1}: segment ${v} is not one of the model's segments 1 … ${k}.`, 'Give the scored file made with this model (or the run that made it).');
		}
		return v - 1;
	});
}

function counts(seg: Int32Array, k: number): number[] {
	const out = new Array<number>(k).fill(0);
	for (const s of seg) if (s >= 0) out[s]++;
	return out;
}

/** id → segment of a period; an id twice in one file is an error, as the matrix would count that customer twice. */
function byId(t: Table, seg: Int32Array, id: string): Map<string, number> {
	const ids = cellTexts(t, id);
	const out = new Map<string, number>();
	const firstRow = new Map<string, number>();
	for (let r = 0; r < ids.length; r++) {
		if (seg[r] < 0 || ids[r] === '') continue;
		if (firstRow.has(ids[r])) {
			throw new EngineError('bad-parameter', `"${t.name}": the id "${ids[r]}" of column "${id}" is on rows ${firstRow.get(ids[r])! + 1} and ${r + 1}.`, 'Track customers with one row each (one row per customer id).');
		}
		firstRow.set(ids[r], r);
		out.set(ids[r], seg[r]);
	}
	return out;
}

function migrate(id: string, previous: Table, before: Int32Array, current: Table, after: Int32Array, names: string[]): Migration {
	const k = names.length;
	const a = byId(previous, before, id), b = byId(current, after, id);
	const countsM = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
	let matched = 0, stayed = 0;
	for (const [key, s] of a) {
		const t = b.get(key);
		if (t === undefined) countsM[s][k]++;
		else {
			countsM[s][t]++;
			matched++;
			if (s === t) stayed++;
		}
	}
	for (const [key, t] of b) if (!a.has(key)) countsM[k][t]++;
	const labels = names.map((n, s) => `${s + 1}. ${n}`);
	const shares = countsM.map((row) => {
		const tot = row.reduce((x, y) => x + y, 0);
		return row.map((c) => (tot ? c / tot : NaN));
	});
	return { id, from: [...labels, 'new'], to: [...labels, 'gone'], counts: countsM, shares, matched, stayed };
}

/** The report file: sizes, changes, alerts, PSI per feature and the migration matrix keyed by segment numbers and names. */
export function trackReport(t: TrackResult, files: { previous: string; current: string }) {
	const m = t.migration;
	return {
		format: 'segment-lab-track',
		version: 1,
		model: { k: t.score.model.k, madeOn: t.score.model.source.name, createdAt: t.score.model.createdAt },
		previous: files.previous,
		current: files.current,
		alertThreshold: t.alert,
		sizes: t.sizes,
		alerts: t.alerts,
		psi: t.drift,
		migration: m && {
			id: m.id,
			from: m.from,
			to: m.to,
			counts: m.counts,
			shares: m.shares.map((r) => r.map((x) => (Number.isFinite(x) ? x : null))),
			matched: m.matched,
			stayed: m.stayed,
			moves: m.counts.flatMap((row, i) => row.map((count, j) => ({ from: m.from[i], to: m.to[j], fromSegment: i < row.length - 1 ? i + 1 : null, toSegment: j < row.length - 1 ? j + 1 : null, count, share: Number.isFinite(m.shares[i][j]) ? m.shares[i][j] : null })).filter((x) => x.count > 0))
		},
		warnings: [...t.score.warnings, ...t.notes]
	};
}
