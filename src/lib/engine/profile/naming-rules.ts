/**
 * The naming rules as one table: for each business meaning a column name can reveal, and each direction of its
 * segment mean against the whole population, the only words a persona name may use, and the clause an action's
 * reason may use. A name or an action is built from these and nothing else, so it cannot say "affluent" of a
 * segment whose income is below average, or "bargain hunters" of one the numbers only show to spend less.
 * The actions: each lists the meanings (and directions) it needs and the ones that forbid it.
 */

export type Meaning = 'recency' | 'tenure' | 'support' | 'engagement' | 'breadth' | 'spendingScore' | 'monetary' | 'frequency' | 'income' | 'age';
export type Direction = 'high' | 'low';

export interface Wording {
	/** The adjective in a name ("lapsed"). */
	adjective: string;
	/** A noun that can end a name ("newcomers"); the name ends in "customers" otherwise. */
	noun?: string;
	/** How an action's reason says it ("have not bought for longer than most"). */
	clause: string;
}

export interface MeaningRule {
	meaning: Meaning;
	/** A column name matching this reveals the meaning (first rule that matches wins). */
	pattern: RegExp;
	high: Wording;
	low: Wording;
}

/**
 * First match wins: "days_since_…" is recency before "…_days" could read as tenure, "account_age" is tenure
 * before age, "spending score" is a score (how freely someone spends at this shop) before "spend" reads as money.
 */
export const MEANING_RULES: MeaningRule[] = [
	{ meaning: 'recency', pattern: /recen|days?[_ ]?since|since[_ ]?last|last[_ ]?(purchase|order|visit|seen|activity|login)|inactiv|dormant/i,
		high: { adjective: 'lapsed', noun: 'lapsed customers', clause: 'have not bought for longer than most' },
		low: { adjective: 'recent', clause: 'bought more recently than most' } },
	{ meaning: 'tenure', pattern: /tenure|account[_ ]?age|customer[_ ]?since|member[_ ]?since|months?[_ ]?active|signup|seniority|lifetime[_ ]?days/i,
		high: { adjective: 'long-standing', clause: 'have been customers for longer than most' },
		low: { adjective: 'new', noun: 'newcomers', clause: 'joined more recently than most' } },
	{ meaning: 'support', pattern: /support|ticket|complain|contacts?_|calls?(_|$)|escalat/i,
		high: { adjective: 'support-heavy', clause: 'contact support more than most' },
		low: { adjective: 'low-maintenance', clause: 'rarely contact support' } },
	{ meaning: 'engagement', pattern: /open|click|engag|ctr|session|page[_ ]?views|app[_ ]?use/i,
		high: { adjective: 'engaged', clause: 'engage more than most' },
		low: { adjective: 'disengaged', clause: 'engage less than most' } },
	{ meaning: 'breadth', pattern: /categor|variety|breadth|distinct[_ ]?products|product[_ ]?types/i,
		high: { adjective: 'broad-basket', clause: 'buy across more product types than most' },
		low: { adjective: 'narrow-basket', clause: 'buy from fewer product types than most' } },
	{ meaning: 'spendingScore', pattern: /spending[_ ]?score|spend[_ ]?score|score.*spend/i,
		high: { adjective: 'free-spending', clause: 'have a higher spending score than most' },
		low: { adjective: 'cautious', noun: 'cautious spenders', clause: 'have a lower spending score than most' } },
	{ meaning: 'monetary', pattern: /monetary|spend|value|revenue|amount|sales|aov|basket|ltv|clv|price|profit/i,
		high: { adjective: 'high-spending', noun: 'big spenders', clause: 'spend more than most' },
		low: { adjective: 'low-spending', noun: 'low spenders', clause: 'spend less than most' } },
	{ meaning: 'frequency', pattern: /freq|purchases|orders|visits|transactions|bookings|_?count$|^n_|num_|number[_ ]?of/i,
		high: { adjective: 'frequent', noun: 'regulars', clause: 'buy more often than most' },
		low: { adjective: 'occasional', clause: 'buy less often than most' } },
	{ meaning: 'income', pattern: /income|salary|wealth|earning/i,
		high: { adjective: 'affluent', clause: 'earn more than most' },
		low: { adjective: 'lower-income', clause: 'earn less than most' } },
	{ meaning: 'age', pattern: /(^|[^a-z])age([^a-z]|$)|birth|years[_ ]?old/i,
		high: { adjective: 'older', clause: 'are older than most' },
		low: { adjective: 'younger', clause: 'are younger than most' } }
];

/** A column whose name reveals no meaning is "high x" / "low x": its own name, and a direction word. */
export const NEUTRAL: Record<Direction, { adjective: (feature: string) => string; clause: (feature: string) => string }> = {
	high: { adjective: (f) => `high ${f}`, clause: (f) => `have higher ${f} than most` },
	low: { adjective: (f) => `low ${f}`, clause: (f) => `have lower ${f} than most` }
};

export type Action = 'win back' | 'investigate' | 'nurture' | 'reward' | 'upsell' | 're-engage' | 'retain' | 'explore';

export interface ActionRule {
	action: Action;
	/** Every group needs one trait of its list (meaning and direction); the weakest group's |SMD| scores the action. */
	needs: [Meaning, Direction][][];
	/** Any of these traits rules the action out. */
	forbids: [Meaning, Direction][];
	/** What to do, after the clauses that justify it. */
	advice: string;
}

/** In order of urgency: on equal evidence the earlier action wins. */
export const ACTION_RULES: ActionRule[] = [
	{ action: 'win back', needs: [[['recency', 'high']]], forbids: [['recency', 'low']],
		advice: 'a win-back offer before they are gone' },
	{ action: 'investigate', needs: [[['support', 'high']]], forbids: [],
		advice: 'find out what goes wrong for them' },
	{ action: 'nurture', needs: [[['tenure', 'low']]], forbids: [['tenure', 'high'], ['recency', 'high']],
		advice: 'onboarding and a next purchase turn them into regulars' },
	{ action: 'reward', needs: [[['monetary', 'high'], ['frequency', 'high'], ['spendingScore', 'high']]], forbids: [['recency', 'high'], ['monetary', 'low'], ['spendingScore', 'low']],
		advice: 'thank and reward them (loyalty perks, early access)' },
	{ action: 'upsell', needs: [[['monetary', 'low'], ['spendingScore', 'low']], [['income', 'high'], ['frequency', 'high'], ['engagement', 'high']]], forbids: [['income', 'low'], ['recency', 'high']],
		advice: 'they have room to spend more: bundles, upgrades and offers that raise the basket' },
	{ action: 're-engage', needs: [[['engagement', 'low'], ['frequency', 'low']]], forbids: [['engagement', 'high'], ['frequency', 'high']],
		advice: 're-engage them with relevant content before they drift away' },
	{ action: 'retain', needs: [], forbids: [['recency', 'high']],
		advice: 'keep the relationship going with regular, relevant contact' }
];

/** When no strong trait has a business meaning (the column names say nothing), the only honest action. */
export const NEUTRAL_ACTION = { action: 'explore' as const, advice: 'the column names do not say what that means for the business: look at the profile before acting' };

export function meaningOf(column: string): MeaningRule | null {
	return MEANING_RULES.find((v) => v.pattern.test(column)) ?? null;
}
