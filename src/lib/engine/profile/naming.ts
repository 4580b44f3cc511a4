/**
 * Automatic segment names, reasons and suggested actions from the most distinctive features (standardised mean
 * difference from the whole population). A column name that reveals its meaning (recency, frequency, monetary value,
 * tenure, engagement, support, age, income) gets business vocabulary; other columns get neutral wording
 * ("high x1"). Names are unique within a run. Pure data in, data out: the page and the CLI show the same names.
 */
import type { SegmentProfile } from './segment-profile';

export type Action = 'retain' | 'reward' | 'upsell' | 'win back' | 'nurture' | 'investigate';

export interface Trait {
	feature: string;
	/** Standardised mean difference from the whole population (its sd units). */
	smd: number;
	/** The business concept the column name reveals, or null. */
	concept: Concept | null;
	/** "high-spending", "lapsed", or neutral "high total_x". */
	word: string;
}

export interface Persona {
	segment: number;
	name: string;
	/** "Recent high spenders: avg_order_value +1.8 sd, days_since_last_purchase −1.2 sd". */
	reason: string;
	traits: Trait[];
	action: Action;
	actionWhy: string;
}

export type Concept = 'recency' | 'tenure' | 'support' | 'engagement' | 'breadth' | 'monetary' | 'frequency' | 'income' | 'age';

/** First match wins: "days_since_…" is recency before "…_days" could read as tenure, "account_age" is tenure before age. */
const VOCABULARY: { concept: Concept; pattern: RegExp; high: string; low: string; highNoun?: string; lowNoun?: string }[] = [
	{ concept: 'recency', pattern: /recen|days?_?since|since_?last|last_?(purchase|order|visit|seen|activity|login)|inactiv|dormant/i, high: 'lapsed', low: 'recent', highNoun: 'lapsed customers' },
	{ concept: 'tenure', pattern: /tenure|account_?age|customer_?since|member_?since|months?_?active|signup|seniority|lifetime_?days/i, high: 'long-standing', low: 'new', lowNoun: 'newcomers' },
	{ concept: 'support', pattern: /support|ticket|complain|contacts?_|calls?(_|$)|escalat/i, high: 'support-heavy', low: 'low-maintenance' },
	{ concept: 'engagement', pattern: /open|click|engag|ctr|session|page_?views|app_?use/i, high: 'engaged', low: 'disengaged' },
	{ concept: 'breadth', pattern: /categor|variety|breadth|distinct_?products|product_?types/i, high: 'broad-basket', low: 'narrow-basket' },
	{ concept: 'monetary', pattern: /monetary|spend|value|revenue|amount|sales|aov|basket|ltv|clv|price|profit/i, high: 'high-spending', low: 'low-spending', highNoun: 'high spenders', lowNoun: 'bargain hunters' },
	{ concept: 'frequency', pattern: /freq|purchases|orders|visits|transactions|bookings|_?count$|^n_|num_|number_of/i, high: 'frequent', low: 'occasional', highNoun: 'regulars' },
	{ concept: 'income', pattern: /income|salary|wealth|earning/i, high: 'affluent', low: 'budget-conscious' },
	{ concept: 'age', pattern: /(^|_)age($|_)|birth|years_?old/i, high: 'older', low: 'younger' }
];

/** A trait counts towards a name from this |SMD| on, and into the reason from REASON_MIN on. */
const NAME_MIN = 0.5;
const REASON_MIN = 0.3;

export function conceptOf(column: string): (typeof VOCABULARY)[number] | null {
	return VOCABULARY.find((v) => v.pattern.test(column)) ?? null;
}

export function traitOf(feature: string, smd: number): Trait {
	const v = conceptOf(feature);
	const high = smd > 0;
	return { feature, smd, concept: v?.concept ?? null, word: v ? (high ? v.high : v.low) : `${high ? 'high' : 'low'} ${feature}` };
}

/** Signed, one decimal, with a real minus sign: "+1.8 sd", "−1.2 sd". */
export function formatSd(smd: number): string {
	return `${smd >= 0 ? '+' : '−'}${Math.abs(smd).toFixed(1)} sd`;
}

export function personas(profile: SegmentProfile): Persona[] {
	const taken = new Set<string>();
	return profile.segments.map((seg, s) => {
		const traits = profile.features
			.map((f, j) => traitOf(f, seg.smd[j]))
			.filter((t) => Number.isFinite(t.smd) && Math.abs(t.smd) >= REASON_MIN)
			.sort((a, b) => Math.abs(b.smd) - Math.abs(a.smd));
		const strong = dedupeConcepts(traits.filter((t) => Math.abs(t.smd) >= NAME_MIN));
		let name = nameFrom(strong.slice(0, 2));
		if (taken.has(name) && strong.length > 2) name = nameFrom(strong.slice(0, 3));
		for (let n = 2; taken.has(name); n++) name = `${nameFrom(strong.slice(0, 2))} ${n}`;
		taken.add(name);
		const shown = traits.slice(0, 3);
		const reason = `${name}: ${shown.length ? shown.map((t) => `${t.feature} ${formatSd(t.smd)}`).join(', ') : 'no feature mean differs from the overall mean by 0.3 sd or more'}`;
		const { action, why } = suggestAction(traits);
		return { segment: s, name, reason, traits: shown, action, actionWhy: why };
	});
}

/** One word per concept (two monetary columns should not say "high-spending high spenders"). */
function dedupeConcepts(traits: Trait[]): Trait[] {
	const seen = new Set<string>();
	return traits.filter((t) => {
		const key = t.concept ?? `col:${t.feature}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function nameFrom(traits: Trait[]): string {
	if (traits.length === 0) return 'Typical customers';
	// A trait with a noun ("high spenders", "newcomers") ends the name; the others describe it.
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

function nounOf(t: Trait): string | null {
	const v = t.concept ? VOCABULARY.find((x) => x.concept === t.concept) : undefined;
	if (!v) return null;
	return (t.smd > 0 ? v.highNoun : v.lowNoun) ?? null;
}

/** The first rule that fits, in order of urgency. */
function suggestAction(traits: Trait[]): { action: Action; why: string } {
	const has = (c: Concept, dir: 1 | -1) => traits.some((t) => t.concept === c && Math.sign(t.smd) === dir && Math.abs(t.smd) >= NAME_MIN);
	if (has('recency', 1)) return { action: 'win back', why: 'They have not bought for much longer than the others: a win-back offer before they are gone.' };
	if (has('support', 1)) return { action: 'investigate', why: 'They contact support far more than the others: find out what goes wrong for them.' };
	if (has('tenure', -1)) return { action: 'nurture', why: 'They are new: onboarding and a second purchase turn them into regulars.' };
	if ((has('monetary', 1) && (has('frequency', 1) || has('recency', -1))) || (has('frequency', 1) && has('recency', -1) && has('tenure', 1))) {
		return { action: 'reward', why: 'They buy often, recently and for a lot: thank and reward them (loyalty, early access).' };
	}
	if (has('monetary', -1) && (has('engagement', 1) || has('frequency', 1))) return { action: 'upsell', why: 'They are active but spend little per order: bundles and upgrades raise their basket.' };
	if (has('engagement', -1)) return { action: 'nurture', why: 'They rarely engage: re-engage them with relevant content before they drift away.' };
	if (traits.length === 0 || traits.every((t) => t.concept === null)) return { action: 'investigate', why: 'The column names do not say what these traits mean: look at the profile before acting.' };
	return { action: 'retain', why: 'A steady group: keep the relationship going with regular, relevant contact.' };
}

/** The names of a run's segments at k: the Recipe's (user-edited) where given, else the automatic ones. */
export function segmentNamesFor(sizes: number[], personas: Persona[] | undefined, custom: Record<string, string[]> | undefined, k: number): string[] {
	const mine = custom?.[String(k)] ?? [];
	return sizes.map((_, s) => mine[s]?.trim() || personas?.[s]?.name || `Segment ${s + 1}`);
}
