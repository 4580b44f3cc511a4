/**
 * Automatic segment names, reasons and suggested actions from the most distinctive features (standardised mean
 * difference from the whole population). Every word comes from the rules table (naming-rules.ts): a column name
 * that reveals a business meaning gets that meaning's words for the direction its segment mean actually lies in;
 * other columns get neutral wording ("high x1"). Names are unique within a run. Pure data in, data out: the page,
 * the report and the CLI show the same names.
 */
import { ACTION_RULES, meaningOf, NEUTRAL, NEUTRAL_ACTION, type Action, type Direction, type Meaning } from './naming-rules';
import type { SegmentProfile } from './segment-profile';

export type { Action } from './naming-rules';
/** The business meaning of a column (naming-rules.ts). */
export type Concept = Meaning;

export interface Trait {
	feature: string;
	/** Standardised mean difference from the whole population (its sd units). */
	smd: number;
	/** The business meaning the column name reveals, or null. */
	concept: Concept | null;
	/** "high-spending", "lapsed", or neutral "high total_x". */
	word: string;
}

export interface Persona {
	segment: number;
	name: string;
	/** "Recent big spenders: avg_order_value +1.8 sd, days_since_last_purchase −1.2 sd". */
	reason: string;
	traits: Trait[];
	action: Action;
	actionWhy: string;
}

/** A trait counts towards a name (and an action) from this |SMD| on, and into the reason from REASON_MIN on. */
export const NAME_MIN = 0.5;
export const REASON_MIN = 0.3;

const dirOf = (smd: number): Direction => (smd > 0 ? 'high' : 'low');

export function traitOf(feature: string, smd: number): Trait {
	const rule = meaningOf(feature);
	const d = dirOf(smd);
	return { feature, smd, concept: rule?.meaning ?? null, word: rule ? rule[d].adjective : NEUTRAL[d].adjective(feature) };
}

/** Signed, one decimal, with a real minus sign: "+1.8 sd", "−1.2 sd"; "0.0 sd" for what rounds to zero (never "−0.0"). */
export function formatSd(smd: number): string {
	const text = Math.abs(smd).toFixed(1);
	return text === '0.0' ? '0.0 sd' : `${smd >= 0 ? '+' : '−'}${text} sd`;
}

export function personas(profile: SegmentProfile): Persona[] {
	const drafts = profile.segments.map((seg) => {
		const traits = profile.features
			.map((f, j) => traitOf(f, seg.smd[j]))
			.filter((t) => Number.isFinite(t.smd) && Math.abs(t.smd) >= REASON_MIN)
			.sort((a, b) => Math.abs(b.smd) - Math.abs(a.smd));
		const strong = dedupeConcepts(traits.filter((t) => Math.abs(t.smd) >= NAME_MIN));
		return { traits, strong, name: nameFrom(strong.slice(0, 2)) };
	});
	const names = distinctNames(drafts.map((d) => d.name), drafts.map((d) => nameFrom(d.strong.slice(0, 3))), profile);
	return drafts.map(({ traits, strong }, s) => {
		const name = names[s];
		const shown = traits.slice(0, 3);
		const reason = `${name}: ${shown.length ? shown.map((t) => `${t.feature} ${formatSd(t.smd)}`).join(', ') : 'no feature mean differs from the overall mean by 0.3 sd or more'}`;
		const { action, why } = suggestAction(strong);
		return { segment: s, name, reason, traits: shown, action, actionWhy: why };
	});
}

/**
 * One name per segment. Segments whose two-trait names clash first try their three-trait names; those still alike
 * ("Lapsed customers" twice, "Typical customers" twice) are told apart by the feature whose mean differs most
 * between them, with each one's own figure: "Lapsed customers (recency_days +1.8 sd)" and "Lapsed customers
 * (recency_days +0.9 sd)", then the next such feature if those figures read the same. A number is the last resort
 * (segments alike to a tenth of an sd on every feature).
 */
function distinctNames(base: string[], longer: string[], profile: SegmentProfile): string[] {
	const out = base.slice();
	const groups = new Map<string, number[]>();
	base.forEach((n, s) => groups.set(n, [...(groups.get(n) ?? []), s]));
	for (const [name, members] of groups) {
		if (members.length < 2) continue;
		const three = members.map((s) => longer[s]);
		if (new Set(three).size === members.length && three.every((n) => n === name || !groups.has(n))) {
			members.forEach((s, i) => (out[s] = three[i]));
			continue;
		}
		// The feature whose means lie furthest apart among the segments still alike (largest range of SMD), for each
		// of them; then again among those whose labels still read the same.
		const smd = (s: number, j: number) => profile.segments[s].smd[j];
		const parts = new Map<number, string[]>(members.map((s) => [s, []]));
		const used = new Set<number>();
		const label = (s: number) => `${name} (${parts.get(s)!.join(', ')})`;
		for (let round = 0; round < 3; round++) {
			const alike = members.filter((s) => parts.get(s)!.length === 0 || members.some((o) => o !== s && label(o) === label(s)));
			if (alike.length === 0) break;
			let best = -1, widest = 0;
			profile.features.forEach((_, j) => {
				if (used.has(j)) return;
				const v = alike.map((s) => smd(s, j));
				const range = Math.max(...v) - Math.min(...v);
				if (Number.isFinite(range) && range > widest) (widest = range), (best = j);
			});
			if (best < 0) break;
			used.add(best);
			for (const s of alike) parts.get(s)!.push(`${profile.features[best]} ${formatSd(smd(s, best))}`);
		}
		const taken = new Set(out.filter((_, s) => !members.includes(s)));
		const seen = new Set<string>();
		for (const s of members) {
			let n = parts.get(s)!.length ? label(s) : name;
			for (let i = 2; seen.has(n) || taken.has(n); i++) n = `${parts.get(s)!.length ? label(s) : name} ${i}`;
			seen.add(n);
			out[s] = n;
		}
	}
	return out;
}

/** One word per meaning (two monetary columns should not say "high-spending big spenders"). */
function dedupeConcepts(traits: Trait[]): Trait[] {
	const seen = new Set<string>();
	return traits.filter((t) => {
		const key = t.concept ?? `col:${t.feature}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function nounOf(t: Trait): string | null {
	return (t.feature && meaningOf(t.feature)?.[dirOf(t.smd)].noun) || null;
}

function nameFrom(traits: Trait[]): string {
	if (traits.length === 0) return 'Typical customers';
	// A trait with a noun ("big spenders", "newcomers") ends the name; the others describe it.
	const nounIdx = traits.findIndex((t) => nounOf(t) !== null);
	let words: string[];
	if (nounIdx >= 0) {
		const rest = traits.filter((_, i) => i !== nounIdx).map((t) => t.word);
		words = [...rest, nounOf(traits[nounIdx])!];
	} else {
		const business = traits.every((t) => t.concept !== null);
		words = business ? [...traits.map((t) => t.word), 'customers'] : [traits.map((t) => t.word).join(', '), 'segment'];
	}
	const text = words.join(' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The action the strong traits (|SMD| ≥ NAME_MIN) support best: each rule of ACTION_RULES scores the weakest of its
 * needed groups; a forbidden trait rules it out; ties go to the earlier (more urgent) rule. The reason is built
 * from the clauses of the very traits that license it, so it says nothing the numbers do not.
 */
export function suggestAction(strong: Trait[]): { action: Action; why: string } {
	const business = strong.filter((t) => t.concept !== null);
	if (strong.length && business.length === 0) {
		const t = strong[0];
		return { action: NEUTRAL_ACTION.action, why: `They ${NEUTRAL[dirOf(t.smd)].clause(t.feature)} (${formatSd(t.smd)}), and ${NEUTRAL_ACTION.advice}.` };
	}
	const has = (m: Meaning, d: Direction) => business.find((t) => t.concept === m && dirOf(t.smd) === d) ?? null;
	let best: { action: Action; score: number; because: Trait[]; advice: string } | null = null;
	for (const rule of ACTION_RULES) {
		if (rule.forbids.some(([m, d]) => has(m, d))) continue;
		const because: Trait[] = [];
		let score = rule.needs.length ? Infinity : 0;
		for (const group of rule.needs) {
			const hits = group.map(([m, d]) => has(m, d)).filter((t): t is Trait => t !== null).sort((a, b) => Math.abs(b.smd) - Math.abs(a.smd));
			if (!hits.length) { score = -1; break; }
			because.push(hits[0]);
			score = Math.min(score, Math.abs(hits[0].smd));
		}
		if (score < 0) continue;
		if (!best || score > best.score) best = { action: rule.action, score, because, advice: rule.advice };
	}
	// 'retain' needs nothing, so unless something forbids it there is always a best; a lapsed segment always has 'win back'.
	const b = best!;
	if (b.because.length === 0) {
		const said = business.slice(0, 2).map((t) => `${meaningOf(t.feature)![dirOf(t.smd)].clause} (${t.feature} ${formatSd(t.smd)})`).join(' and ');
		return { action: b.action, why: said
			? `They ${said}, which calls for no particular action: ${b.advice}.`
			: `No feature sets them far apart from the others: ${b.advice}.` };
	}
	const clauses = b.because.map((t) => `${meaningOf(t.feature)![dirOf(t.smd)].clause} (${t.feature} ${formatSd(t.smd)})`);
	const said = clauses.length === 1 ? clauses[0] : `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;
	return { action: b.action, why: `They ${said}: ${b.advice}.` };
}

/** The names of a run's segments at k: the Recipe's (user-edited) where given, else the automatic ones. */
export function segmentNamesFor(sizes: number[], personas: Persona[] | undefined, custom: Record<string, string[]> | undefined, k: number): string[] {
	const mine = custom?.[String(k)] ?? [];
	return sizes.map((_, s) => mine[s]?.trim() || personas?.[s]?.name || `Segment ${s + 1}`);
}
