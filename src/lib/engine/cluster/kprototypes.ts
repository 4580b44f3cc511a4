/**
 * k-prototypes (Huang 1998) with seeded restarts: each restart starts from k distinct records chosen at random
 * (seeded) — Huang's first initialisation method, "the first k distinct records", applied to a seeded random
 * order of the rows — runs kprototypesRun, and the lowest cost wins (the first on ties). No distance matrix:
 * memory and time grow linearly with the rows, so it serves files too large for PAM on Gower distances.
 */
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import { subProgress, throwIfAborted } from '../progress';
import { Rng } from '../random';
import { kprototypesRun, type KPrototypesRun, type MixedRows } from './kprototypes-run';

export interface KPrototypesOptions {
	/** Weight of a categorical mismatch against squared numeric distance; absent = huangGamma(data). */
	gamma?: number | null;
	nInit: number;
	maxPasses: number;
}

export interface KPrototypesResult extends KPrototypesRun {
	k: number;
	gamma: number;
	/** The starting records (0-based rows) of the winning restart. */
	starts: Int32Array;
	bestRestart: number;
}

/**
 * Huang's rule for γ: he ties γ to the average standard deviation σ of the numeric attributes (Huang 1998, §4;
 * in his experiments, Huang 1997, good values lay between about σ/3 and 2σ/3). We take the middle, γ = σ/2
 * (also the default of the Python kmodes package), σ = the mean over numeric attributes of their population
 * standard deviation. With no numeric attribute (or all constant), γ = 1: it only scales the cost.
 */
export function huangGamma(d: MixedRows): number {
	if (d.pn === 0 || d.rows === 0) return 1;
	let total = 0;
	for (let j = 0; j < d.pn; j++) {
		let mean = 0;
		for (let i = 0; i < d.rows; i++) mean += d.num[i * d.pn + j];
		mean /= d.rows;
		let ss = 0;
		for (let i = 0; i < d.rows; i++) ss += (d.num[i * d.pn + j] - mean) ** 2;
		total += Math.sqrt(ss / d.rows);
	}
	const sigma = total / d.pn;
	return sigma > 0 ? sigma / 2 : 1;
}

function sameRecord(d: MixedRows, a: number, b: number): boolean {
	for (let j = 0; j < d.pn; j++) if (d.num[a * d.pn + j] !== d.num[b * d.pn + j]) return false;
	for (let t = 0; t < d.pc; t++) if (d.cat[a * d.pc + t] !== d.cat[b * d.pc + t]) return false;
	return true;
}

/** k distinct records: random draws, then (if the data hold few distinct records) a scan from a random row. */
export function distinctStarts(d: MixedRows, k: number, rng: Rng): Int32Array {
	const picked: number[] = [];
	const fits = (i: number) => picked.every((p) => p !== i && !sameRecord(d, p, i));
	for (let tries = 0; tries < 20 * k && picked.length < k; tries++) {
		const i = rng.int(d.rows);
		if (fits(i)) picked.push(i);
	}
	const from = rng.int(Math.max(1, d.rows));
	for (let t = 0; t < d.rows && picked.length < k; t++) {
		const i = (from + t) % d.rows;
		if (fits(i)) picked.push(i);
	}
	if (picked.length < k) {
		throw new EngineError('bad-parameter', `k-prototypes needs ${k} distinct rows to start from; the data hold only ${picked.length}.`, `Choose k of at most ${picked.length}, or add features that tell the rows apart.`);
	}
	return Int32Array.from(picked);
}

export function kprototypes(d: MixedRows, k: number, opts: KPrototypesOptions, control: RunControl & { seed: number }): KPrototypesResult {
	if (!Number.isInteger(k) || k < 1 || k > d.rows) throw new EngineError('bad-parameter', `k-prototypes needs 1 ≤ k ≤ the number of rows (${d.rows}); k = ${k}.`, `Choose k from 1 to ${d.rows}.`);
	const gamma = opts.gamma ?? huangGamma(d);
	if (!(gamma >= 0) || !Number.isFinite(gamma)) throw new EngineError('bad-parameter', `γ (gamma) must be a number ≥ 0; it is ${gamma}.`, 'Leave γ empty for Huang\'s rule, or give a number such as 0.5.');
	const rng = new Rng(control.seed);
	let best: KPrototypesResult | null = null;
	for (let r = 0; r < opts.nInit; r++) {
		throwIfAborted(control.signal);
		const starts = distinctStarts(d, k, rng);
		const run = kprototypesRun(d, k, gamma, starts, opts.maxPasses, { signal: control.signal, onProgress: subProgress(control.onProgress, r / opts.nInit, (r + 1) / opts.nInit) });
		// A restart that leaves a cluster empty does not give k segments.
		if (run.sizes.some((s) => s === 0)) continue;
		if (!best || run.cost < best.cost) best = { ...run, k, gamma, starts, bestRestart: r };
	}
	if (!best) throw new EngineError('bad-parameter', `k-prototypes could not fill ${k} segments from any of ${opts.nInit} starts: the rows are too alike for k = ${k}.`, 'Choose a smaller k.');
	return best;
}
