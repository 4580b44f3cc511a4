/**
 * The naming table's promise, checked against the card's own numbers: every word of a persona name that belongs
 * to a business meaning (or a neutral "high x") must be licensed by a feature of that meaning whose segment mean
 * lies on that side of the overall mean by at least NAME_MIN sd; every action must have the traits its rule needs
 * and none it forbids. Run on the demo, the shared public files, a Mall-Customers-like file and one synthetic
 * segment per meaning and direction.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterOneK, prepareRun } from '../analyse';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { suggestRfm } from '../prep/rfm-detect';
import { buildCustomerTable } from '../prep/rfm-table';
import { RFM_DEFAULT_FEATURES } from '../prep/rfm-table';
import { Rng } from '../random';
import { defaultRecipe } from '../recipe';
import type { Table } from '../types';
import { formatSd, NAME_MIN } from './naming';
import { segmentProfile } from './segment-profile';
import { ACTION_RULES, MEANING_RULES, meaningOf, NEUTRAL_ACTION, type Direction } from './naming-rules';
import type { SegmentProfile } from './segment-profile';

const phrase = (text: string, p: string) => new RegExp(`(^|[^a-z-])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z-]|$)`, 'i').test(text);

/** Every disagreement between segment s's name and action and its numbers (empty = it agrees). */
function contradictions(profile: SegmentProfile, s: number): string[] {
	const seg = profile.segments[s];
	const persona = profile.personas[s];
	const out: string[] = [];
	// Which (meaning, direction) pairs the numbers license: the card's mean against the overall mean, by NAME_MIN sd.
	const licensed = (meaning: string, d: Direction) => profile.features.some((f, j) => {
		if (meaningOf(f)?.meaning !== meaning) return false;
		const diff = seg.mean[j] - profile.overall.mean[j];
		return (d === 'high' ? diff > 0 : diff < 0) && Math.abs(diff) >= NAME_MIN * profile.overall.sd[j] * (1 - 1e-9);
	});
	for (const rule of MEANING_RULES) {
		for (const d of ['high', 'low'] as Direction[]) {
			for (const word of [rule[d].adjective, rule[d].noun].filter((w): w is string => !!w)) {
				if (phrase(persona.name, word) && !licensed(rule.meaning, d)) out.push(`"${persona.name}" says "${word}" but no ${rule.meaning} feature is ${d} by ${NAME_MIN} sd`);
			}
		}
	}
	profile.features.forEach((f, j) => {
		if (meaningOf(f)) return;
		const diff = seg.mean[j] - profile.overall.mean[j];
		if (phrase(persona.name, `high ${f}`) && !(diff > 0)) out.push(`"${persona.name}" says high ${f}, mean ${seg.mean[j]} vs ${profile.overall.mean[j]}`);
		if (phrase(persona.name, `low ${f}`) && !(diff < 0)) out.push(`"${persona.name}" says low ${f}, mean ${seg.mean[j]} vs ${profile.overall.mean[j]}`);
	});
	const rule = ACTION_RULES.find((r) => r.action === persona.action);
	if (persona.action === NEUTRAL_ACTION.action) {
		const strongBusiness = MEANING_RULES.some((m) => licensed(m.meaning, 'high') || licensed(m.meaning, 'low'));
		if (strongBusiness) out.push(`action ${persona.action} although a business meaning is ${NAME_MIN} sd off`);
	} else if (!rule) out.push(`unknown action ${persona.action}`);
	if (rule) {
		for (const [m, d] of rule.forbids) if (licensed(m, d)) out.push(`action ${persona.action} is forbidden by ${m} ${d}`);
		for (const group of rule.needs) if (!group.some(([m, d]) => licensed(m, d))) out.push(`action ${persona.action} needs one of ${group.map((g) => g.join(' ')).join(', ')}`);
	}
	// The reason's signed numbers are the card's.
	for (const t of persona.traits) {
		const j = profile.features.indexOf(t.feature);
		if (Math.sign(seg.mean[j] - profile.overall.mean[j]) !== Math.sign(t.smd)) out.push(`${t.feature} sign`);
	}
	return out;
}

function profilesOf(table: Table, features: string[] | null, ks: number[]): SegmentProfile[] {
	const recipe = defaultRecipe(fingerprint(table), profileTable(table));
	if (features) recipe.features = features;
	const { matrix } = prepareRun(table, recipe);
	return ks.map((k) => clusterOneK(table, matrix, recipe, k).summary.profile!);
}

function checkAll(profiles: SegmentProfile[]): string[] {
	const bad: string[] = [];
	for (const p of profiles) for (let s = 0; s < p.segments.length; s++) for (const c of contradictions(p, s)) bad.push(`k = ${p.k}, segment ${s + 1}: ${c}`);
	return bad;
}

/** The UCI files of ../shared/data, byte for byte as the page's demo copies ship them (static/demo), so these never skip. */
const shared = (name: string) => new URL(`../../../../static/demo/${name}`, import.meta.url);

/** Mall-Customers-like: five groups by annual income × spending score (the classic file's shape), seeded. */
function mallLike(seed = 1): Table {
	const rng = new Rng(seed);
	const groups = [[55, 50, 80], [25, 20, 23], [25, 80, 22], [88, 17, 35], [87, 82, 39]]; // [income, score, n]
	const lines = ['CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100)'];
	let id = 1;
	for (const [inc, score, n] of groups) {
		for (let i = 0; i < n; i++) {
			const age = Math.round(Math.min(70, Math.max(18, 38 + 12 * rng.normal())));
			lines.push(`${id++},${rng.next() < 0.56 ? 'Female' : 'Male'},${age},${Math.round(inc + 8 * rng.normal())},${Math.round(Math.min(99, Math.max(1, score + 7 * rng.normal())))}`);
		}
	}
	return parseCsv(lines.join('\n') + '\n', 'mall.csv');
}

const COLUMN_OF = { recency: 'days_since_last_order', tenure: 'tenure_months', support: 'support_tickets', engagement: 'email_clicks', breadth: 'categories', spendingScore: 'Spending Score (1-100)', monetary: 'monetary', frequency: 'frequency', income: 'Annual Income', age: 'Age' } as const;

describe('the naming table', () => {
	it('one synthetic segment per meaning and direction: the name uses that direction\'s words, the action agrees', () => {
		for (const rule of MEANING_RULES) {
			const column = COLUMN_OF[rule.meaning];
			expect(meaningOf(column)?.meaning, column).toBe(rule.meaning);
			for (const d of ['high', 'low'] as Direction[]) {
				const n = 100;
				const x = Array.from({ length: n }, (_, i) => 50 + (i % 10) + (i < 20 ? (d === 'high' ? 30 : -30) : 0));
				const t = parseCsv(`"${column}"\n${x.join('\n')}\n`, 't.csv');
				const labels = Int32Array.from({ length: n }, (_, i) => (i < 20 ? 0 : 1));
				const p = segmentProfile(t, [column], Int32Array.from({ length: n }, (_, i) => i), labels, 2);
				const name = p.personas[0].name;
				const own = [rule[d].adjective, rule[d].noun].filter((w): w is string => !!w);
				expect(own.some((w) => phrase(name, w)), `${column} ${d}: ${name}`).toBe(true);
				expect(contradictions(p, 0), `${column} ${d}`).toEqual([]);
				expect(contradictions(p, 1), `${column} rest`).toEqual([]);
			}
		}
	});
	it('neutral columns: "high x" only where the mean is above, and "explore" (the names say nothing of the business)', () => {
		const n = 60;
		const t = parseCsv(`x1,x2\n${Array.from({ length: n }, (_, i) => `${i < 10 ? 9 : i % 3},${i < 10 ? -5 : i % 4}`).join('\n')}\n`, 't.csv');
		const p = segmentProfile(t, ['x1', 'x2'], Int32Array.from({ length: n }, (_, i) => i), Int32Array.from({ length: n }, (_, i) => (i < 10 ? 0 : 1)), 2);
		expect(p.personas[0].name).toBe('High x1, low x2 segment');
		expect(p.personas[0].action).toBe('explore');
		expect(contradictions(p, 0)).toEqual([]);
	});
	it('the checker itself catches a contradiction (a name the numbers deny)', () => {
		const t = mallLike();
		const [p] = profilesOf(t, ['Annual Income (k$)', 'Spending Score (1-100)'], [5]);
		const s = p.segments.findIndex((seg) => seg.smd[0] < -0.5);
		const forged = { ...p, personas: p.personas.map((x, i) => (i === s ? { ...x, name: 'Affluent big spenders', action: 'reward' as const } : x)) };
		expect(contradictions(forged, s).length).toBeGreaterThan(0);
	});
});

describe('persona names and actions agree with the numbers, on real and realistic files', () => {
	it('the demo, every k from 2 to 8; different profiles get different actions', () => {
		const t = parseCsv(readFileSync(new URL('../../../../static/demo/customers.csv', import.meta.url), 'utf8'), 'customers.csv');
		const ps = profilesOf(t, null, [2, 3, 4, 5, 6, 7, 8]);
		expect(checkAll(ps)).toEqual([]);
		const six = ps.find((p) => p.k === 6)!;
		expect(new Set(six.personas.map((x) => x.action)).size).toBeGreaterThanOrEqual(4);
	});
	it('Mall-Customers-like: high income with a low spending score is affluent and cautious, never a bargain hunter; upsell, not reward', () => {
		const t = mallLike();
		const ps = profilesOf(t, ['Age', 'Annual Income (k$)', 'Spending Score (1-100)'], [3, 4, 5, 6]);
		expect(checkAll(ps)).toEqual([]);
		const five = profilesOf(t, ['Annual Income (k$)', 'Spending Score (1-100)'], [5])[0];
		expect(checkAll([five])).toEqual([]);
		const s = five.segments.findIndex((seg) => seg.smd[0] > 0.8 && seg.smd[1] < -0.8);
		expect(s).toBeGreaterThanOrEqual(0);
		expect(five.personas[s].name).toMatch(/Affluent/);
		expect(five.personas[s].name).toMatch(/cautious/i);
		expect(five.personas[s].name).not.toMatch(/bargain/i);
		expect(five.personas[s].action).toBe('upsell');
		const rich = five.segments.findIndex((seg) => seg.smd[0] > 0.8 && seg.smd[1] > 0.8);
		expect(five.personas[rich].action).toBe('reward');
		expect(new Set(five.personas.map((x) => x.action)).size).toBeGreaterThanOrEqual(3);
	});
	it('UCI Wholesale (static/demo/wholesale.csv, = ../shared/data): neutral words only, each on the right side', () => {
		const t = parseCsv(readFileSync(shared('wholesale.csv'), 'utf8'), 'wholesale.csv');
		const ps = profilesOf(t, ['Fresh', 'Milk', 'Grocery', 'Frozen', 'Detergents_Paper', 'Delicassen'], [2, 3, 4, 5, 6]);
		expect(checkAll(ps)).toEqual([]);
	});
	it('Online Retail as customers (recency, frequency, monetary): every k from 2 to 6', () => {
		const log = parseCsv(readFileSync(shared('online_retail_sample30k.csv'), 'utf8'), 'online_retail_sample30k.csv');
		const spec = suggestRfm(profileTable(log), log.rowCount)!;
		const customers = buildCustomerTable(log, spec).table;
		const ps = profilesOf(customers, [...RFM_DEFAULT_FEATURES], [2, 3, 4, 5, 6]);
		expect(checkAll(ps)).toEqual([]);
		const all = ps.flatMap((p) => p.personas.map((x) => x.action));
		expect(new Set(all).size).toBeGreaterThanOrEqual(3);
	});
	it('segments whose names would clash are told apart by their own figures, never by a bare number (Online Retail, k = 2..8)', () => {
		const log = parseCsv(readFileSync(shared('online_retail_sample30k.csv'), 'utf8'), 'online_retail_sample30k.csv');
		const customers = buildCustomerTable(log, suggestRfm(profileTable(log), log.rowCount)!).table;
		const ps = profilesOf(customers, [...RFM_DEFAULT_FEATURES], [2, 3, 4, 5, 6, 7, 8]);
		expect(checkAll(ps)).toEqual([]);
		let qualified = 0;
		for (const p of ps) {
			const names = p.personas.map((x) => x.name);
			expect(new Set(names).size, names.join(' | ')).toBe(names.length);
			p.personas.forEach((persona, s) => {
				expect(persona.name, `k = ${p.k}`).not.toMatch(/ \d+$/);
				// Every figure in a qualifier is the segment's own standardised mean difference for that feature.
				const inner = /\(([^)]*)\)$/.exec(persona.name)?.[1];
				if (!inner) return;
				qualified++;
				for (const part of inner.split(', ')) {
					const m = /^(.+) ([+−]?\d+\.\d) sd$/.exec(part)!;
					expect(m, part).not.toBeNull();
					const j = p.features.indexOf(m[1]);
					expect(j, part).toBeGreaterThanOrEqual(0);
					expect(formatSd(p.segments[s].smd[j]), `${persona.name}`).toBe(`${m[2]} sd`);
				}
				// Told apart: another segment carries the same name before its qualifier.
				const base = persona.name.slice(0, persona.name.lastIndexOf(' ('));
				expect(names.filter((n) => n.startsWith(base + ' (')).length, persona.name).toBeGreaterThanOrEqual(2);
			});
		}
		// The retail customers do produce clashes from k = 4 on (two "Lapsed customers", two "Typical customers").
		expect(qualified).toBeGreaterThanOrEqual(4);
	});
	it('formats a figure that rounds to zero without a sign', () => {
		expect(formatSd(-0.04)).toBe('0.0 sd');
		expect(formatSd(0.04)).toBe('0.0 sd');
		expect(formatSd(-0.05)).toBe('−0.1 sd');
		expect(formatSd(1.84)).toBe('+1.8 sd');
	});
});
