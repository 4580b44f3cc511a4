/**
 * The complete report's further sections (report-extras.ts gathers their data): data and preparation, method,
 * evidence for k (a small line chart per metric, the silhouette plot), the map, rules and the outcome table. Inline
 * SVG strings, every text through `esc`.
 */
import { formatP } from '../profile/segment-profile';
import type { MetricSeries, ReportExtras } from './report-extras';

const COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#882255', '#999933'];
const color = (s: number) => (s < 0 ? '#9ca3af' : COLORS[s % COLORS.length]);

export function esc(s: unknown): string {
	return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const short = (v: number) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4))));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function metricSvg(m: MetricSeries, chosen: number, recommended: number): string {
	const W = 300, H = 180, l = 52, r = 10, t = 22, b = 28;
	const ks = m.points.map((p) => p.k), vs = m.points.map((p) => p.value);
	const k0 = Math.min(...ks), k1 = Math.max(...ks), v0 = Math.min(...vs), v1 = Math.max(...vs);
	const x = (k: number) => (k1 > k0 ? l + ((k - k0) / (k1 - k0)) * (W - l - r) : (l + W - r) / 2);
	const y = (v: number) => (v1 > v0 ? H - b - ((v - v0) / (v1 - v0)) * (H - t - b) : (t + H - b) / 2);
	const path = m.points.map((p, i) => `${i ? 'L' : 'M'}${x(p.k).toFixed(1)},${y(p.value).toFixed(1)}`).join('');
	const dots = m.points.map((p) => `<circle cx="${x(p.k).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${p.k === chosen ? 5 : 3}" fill="${p.k === recommended ? '#E69F00' : p.k === chosen ? '#0072B2' : '#fff'}" stroke="#0072B2" stroke-width="1.5"><title>k = ${p.k}: ${esc(short(p.value))}</title></circle>`).join('');
	const ticks = ks.map((k) => `<text x="${x(k).toFixed(1)}" y="${H - b + 14}" font-size="10" text-anchor="middle">${k}</text>`).join('');
	return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="${esc(`${m.title} by k (${m.better} is better)`)}"><text x="${l}" y="14" font-size="12" font-weight="600">${esc(m.title)}</text><line x1="${l}" x2="${W - r}" y1="${H - b}" y2="${H - b}" stroke="#9ca3af"/><line x1="${l}" x2="${l}" y1="${t}" y2="${H - b}" stroke="#9ca3af"/><text x="${l - 4}" y="${t + 4}" font-size="10" text-anchor="end">${esc(short(v1))}</text><text x="${l - 4}" y="${H - b}" font-size="10" text-anchor="end">${esc(short(v0))}</text>${ticks}<path d="${path}" fill="none" stroke="#0072B2" stroke-width="2"/>${dots}</svg><figcaption class="muted">${esc(m.title)} by k; ${m.better} is better. Filled blue: k shown; orange: k recommended.</figcaption></figure>`;
}

function silhouetteSvg(s: NonNullable<ReportExtras['evidence']>['silhouette'], k: number): string {
	const W = 460, H = 300, l = 60, r = 12, t = 10, b = 30;
	const by: number[][] = Array.from({ length: k }, () => []);
	s.values.forEach((v, i) => s.segments[i] >= 0 && Number.isFinite(v) && by[s.segments[i]].push(v));
	by.forEach((v) => v.sort((a, c) => c - a));
	const n = by.reduce((a, v) => a + v.length, 0) || 1, gap = 4, rowH = (H - t - b - gap * (k - 1)) / n;
	const lo = Math.min(-0.2, ...s.values.filter(Number.isFinite)), hi = 1;
	const x = (v: number) => l + ((v - lo) / (hi - lo)) * (W - l - r);
	let y = t;
	const parts: string[] = [];
	by.forEach((v, seg) => {
		if (!v.length) return;
		// One polygon per segment: the outline of its sorted bars.
		const pts = [`${x(0).toFixed(1)},${y.toFixed(1)}`];
		v.forEach((val, i) => pts.push(`${x(val).toFixed(1)},${(y + i * rowH).toFixed(1)}`, `${x(val).toFixed(1)},${(y + (i + 1) * rowH).toFixed(1)}`));
		pts.push(`${x(0).toFixed(1)},${(y + v.length * rowH).toFixed(1)}`);
		parts.push(`<polygon points="${pts.join(' ')}" fill="${color(seg)}"/><text x="${l - 4}" y="${(y + (v.length * rowH) / 2 + 4).toFixed(1)}" font-size="10" text-anchor="end">${seg + 1} (${v.filter((q) => q < 0).length} &lt; 0)</text>`);
		y += v.length * rowH + gap;
	});
	return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="Silhouette plot: each row's silhouette, grouped by segment and sorted"><line x1="${x(0)}" x2="${x(0)}" y1="${t}" y2="${H - b}" stroke="#6b7280"/>${parts.join('')}<line x1="${x(s.mean).toFixed(1)}" x2="${x(s.mean).toFixed(1)}" y1="${t}" y2="${H - b}" stroke="#D55E00" stroke-dasharray="4 3"/><text x="${x(lo)}" y="${H - 10}" font-size="10">${esc(short(lo))}</text><text x="${W - r}" y="${H - 10}" font-size="10" text-anchor="end">1</text><text x="${x(s.mean).toFixed(1)}" y="${H - 10}" font-size="10" text-anchor="middle">mean ${s.mean.toFixed(3)}</text></svg><figcaption class="muted">Silhouette of every ${s.sampled ? 'sampled ' : ''}row by segment (label: rows below 0, closer to another segment); dashed: the mean.</figcaption></figure>`;
}

function mapSvg(m: ReportExtras['map']): string {
	const W = 560, H = 400, l = 40, r = 10, t = 10, b = 36;
	const [x0, x1] = [Math.min(...m.x), Math.max(...m.x)], [y0, y1] = [Math.min(...m.y), Math.max(...m.y)];
	const x = (v: number) => l + ((v - x0) / (x1 - x0 || 1)) * (W - l - r);
	const y = (v: number) => H - b - ((v - y0) / (y1 - y0 || 1)) * (H - t - b);
	const dots = m.x.map((v, i) => `<circle cx="${x(v).toFixed(1)}" cy="${y(m.y[i]).toFixed(1)}" r="1.6" fill="${color(m.segments[i])}"/>`).join('');
	return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="Map of the segments on principal components 1 and 2"><rect x="${l}" y="${t}" width="${W - l - r}" height="${H - t - b}" fill="none" stroke="#e5e7eb"/>${dots}<text x="${(l + W - r) / 2}" y="${H - 8}" font-size="11" text-anchor="middle">${esc(m.xLabel)}</text><text transform="translate(12,${(t + H - b) / 2}) rotate(-90)" font-size="11" text-anchor="middle">${esc(m.yLabel)}</text></svg><figcaption class="muted">Rows on the first two principal components of the prepared features, coloured by segment${m.shown < m.of ? ` (${m.shown.toLocaleString('en')} of ${m.of.toLocaleString('en')} rows, evenly spaced)` : ''}.</figcaption></figure>`;
}

export function extraSections(x: ReportExtras, names: string[]): string {
	const p = x.preparation;
	const out: string[] = [];
	out.push(`<section aria-labelledby="s-data"><h2 id="s-data">Data and preparation</h2><dl><dt>Rows</dt><dd>${p.rows.toLocaleString('en')} in the file; ${p.clustered.toLocaleString('en')} clustered</dd><dt>Dropped (missing values)</dt><dd>${p.dropped.toLocaleString('en')}</dd><dt>Set aside (outliers)</dt><dd>${p.setAside.toLocaleString('en')}</dd><dt>Flagged outliers (clustered)</dt><dd>${p.flagged.toLocaleString('en')}</dd><dt>Left out by you</dt><dd>${p.excluded.toLocaleString('en')}</dd></dl><h3>Each feature</h3><ul>${p.features.map((f) => `<li>${esc(f)}</li>`).join('')}</ul></section>`);
	out.push(`<section aria-labelledby="s-method"><h2 id="s-method">Method and seed</h2><ul>${x.method.map((m) => `<li>${esc(m)}</li>`).join('')}</ul></section>`);
	if (x.evidence) {
		const e = x.evidence;
		out.push(`<section aria-labelledby="s-evidence"><h2 id="s-evidence">Evidence for k</h2><p><strong>${e.single ? `k = ${e.recommendedK}, the only k tried` : `Recommended k = ${e.recommendedK}`}</strong>${e.recommendedK !== e.chosenK ? `; this report shows k = ${e.chosenK}` : ''}.</p><ul>${e.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul><div class="charts">${e.metrics.map((m) => metricSvg(m, e.chosenK, e.recommendedK)).join('')}</div>${silhouetteSvg(e.silhouette, names.length)}</section>`);
	}
	out.push(`<section aria-labelledby="s-map"><h2 id="s-map">Map</h2>${mapSvg(x.map)}</section>`);
	if (x.rules) {
		const r = x.rules;
		const rows = r.segments.flatMap((s, i) => (s.rules.length ? s.rules : [null]).map((rule, j) => `<tr>${j === 0 ? `<th scope="row" rowspan="${Math.max(1, s.rules.length)}">${i + 1}. ${esc(names[i] ?? '')}</th>` : ''}${rule ? `<td class="text">${esc(rule.text)}</td><td>${pct(rule.coverage)}</td><td>${pct(rule.precision)}</td>` : '<td class="text" colspan="3">no leaf goes to this segment</td>'}</tr>`)).join('');
		out.push(`<section aria-labelledby="s-rules"><h2 id="s-rules">Rules</h2><p>A threshold tree with ${r.leaves} leaves (IMM, Moshkovitz et al. 2020${r.leaves > r.segments.length ? '; ExKMC, Frost et al. 2020' : ''}): the rule labels cost ${r.costRatio.toFixed(3)}× the clustering's k-means cost; ${pct(r.agreement)} of rows land in their own segment.</p><table><thead><tr><th scope="col">Segment</th><th scope="col">Rule</th><th scope="col">Coverage</th><th scope="col">Precision</th></tr></thead><tbody>${rows}</tbody></table></section>`);
	}
	if (x.outcome?.outcome) {
		const v = x.outcome, o = v.outcome!;
		const fmt = (n: number) => (o.kind === 'rate' ? pct(n) : short(n));
		const rows = o.rows.map((row, i) => `<tr><th scope="row">${row.segment + 1}. ${esc(names[row.segment] ?? '')}${i === 0 ? ' (highest)' : i === o.rows.length - 1 ? ' (lowest)' : ''}</th><td>${row.n.toLocaleString('en')}</td><td>${fmt(row.value)}</td><td>${fmt(row.lo)} – ${fmt(row.hi)}</td><td>${row.lift.toFixed(2)}×</td></tr>`).join('');
		const test = v.categorical ? `χ² = ${short(v.categorical.test.chi2)} (df ${v.categorical.test.df}), p ${formatP(v.categorical.test.p)}, Cramér's V ${short(v.categorical.test.cramersV)}` : v.numeric ? `Kruskal–Wallis H = ${short(v.numeric.h)}, p ${formatP(v.numeric.p)}` : '';
		out.push(`<section aria-labelledby="s-outcome"><h2 id="s-outcome">Outcome: ${esc(v.column)}</h2><p>${o.kind === 'rate' ? `Rate of ${esc(v.column)} = ${esc(o.positive ?? '')}` : `Mean ${esc(v.column)}`} per segment, highest first, with 95% intervals (${o.kind === 'rate' ? 'Wilson' : 'Student t'}) and the lift over all customers. ${esc(test)}.</p><table><thead><tr><th scope="col">Segment</th><th scope="col">Rows</th><th scope="col">${o.kind === 'rate' ? 'Rate' : 'Mean'}</th><th scope="col">95% interval</th><th scope="col">Lift</th></tr></thead><tbody>${rows}<tr><th scope="row">All customers</th><td>${o.base.n.toLocaleString('en')}</td><td>${fmt(o.base.value)}</td><td>${fmt(o.base.lo)} – ${fmt(o.base.hi)}</td><td>1.00×</td></tr></tbody></table></section>`);
	}
	return out.join('\n');
}
