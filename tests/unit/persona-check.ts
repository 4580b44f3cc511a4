/**
 * Whether a segment's persona name and action agree with the card's own numbers, by the naming table's rule
 * (profile/naming-rules.ts; the same check as naming-rules.test.ts): a word of a business meaning ("recent",
 * "big spenders") needs a feature of that meaning whose segment mean is on that side of the overall mean by at
 * least NAME_MIN sd; "high x" / "low x" need x on that side; an action needs its traits and none it forbids.
 */
import { NAME_MIN } from '../../src/lib/engine/profile/naming';
import { ACTION_RULES, MEANING_RULES, meaningOf, NEUTRAL_ACTION, type Direction } from '../../src/lib/engine/profile/naming-rules';
import type { SegmentProfile } from '../../src/lib/engine/profile/segment-profile';

const phrase = (text: string, p: string) => new RegExp(`(^|[^a-z-])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z-]|$)`, 'i').test(text);

export function personaContradictions(profile: SegmentProfile, s: number): string[] {
	const seg = profile.segments[s];
	const persona = profile.personas[s];
	const out: string[] = [];
	const side = (j: number) => seg.mean[j] - profile.overall.mean[j];
	const licensed = (meaning: string, d: Direction) =>
		profile.features.some((f, j) => meaningOf(f)?.meaning === meaning && (d === 'high' ? side(j) > 0 : side(j) < 0) && Math.abs(side(j)) >= NAME_MIN * profile.overall.sd[j] * (1 - 1e-9));
	for (const rule of MEANING_RULES) {
		for (const d of ['high', 'low'] as Direction[]) {
			for (const word of [rule[d].adjective, rule[d].noun].filter((w): w is string => !!w)) {
				if (phrase(persona.name, word) && !licensed(rule.meaning, d)) out.push(`"${persona.name}" says "${word}" but no ${rule.meaning} feature is ${d} by ${NAME_MIN} sd`);
			}
		}
	}
	profile.features.forEach((f, j) => {
		if (meaningOf(f)) return;
		if (phrase(persona.name, `high ${f}`) && !(side(j) > 0)) out.push(`"${persona.name}" says high ${f}`);
		if (phrase(persona.name, `low ${f}`) && !(side(j) < 0)) out.push(`"${persona.name}" says low ${f}`);
	});
	const rule = ACTION_RULES.find((r) => r.action === persona.action);
	if (persona.action !== NEUTRAL_ACTION.action && !rule) out.push(`unknown action ${persona.action}`);
	if (rule) {
		for (const [m, d] of rule.forbids) if (licensed(m, d)) out.push(`action ${persona.action} is forbidden by ${m} ${d}`);
		for (const group of rule.needs) if (!group.some(([m, d]) => licensed(m, d))) out.push(`action ${persona.action} needs one of ${group.map((g) => g.join(' ')).join(', ')}`);
	}
	for (const t of persona.traits) {
		const j = profile.features.indexOf(t.feature);
		if (Math.sign(side(j)) !== Math.sign(t.smd)) out.push(`${t.feature}: the reason's sign disagrees with the means`);
	}
	return out;
}
