/**
 * The self-contained HTML report: one file with inline CSS and inline SVG (no scripts, no external resources), so
 * it opens offline and prints well. Every column name, value and segment name goes through `esc`: nothing from
 * the data is ever inserted as HTML.
 */
import type { SourceFingerprint } from '../data/fingerprint';
import type { Recipe } from '../recipe';
import { formatP, type SegmentProfile } from '../profile/segment-profile';
import { rowLabelWidth, SMD_LEGEND, smdLayout } from './smd-layout';
import type { ReportExtras } from './report-extras';
import { extraSections } from './report-sections';

export interface ReportInput {
	title: string;
	createdAt: string;
	source: SourceFingerprint;
	recipe: Recipe;
	k: number;
	rowCount: number;
	rowsClustered: number;
	silhouette: number;
	profile: SegmentProfile;
	names: string[];
	notes: string[];
	/** The complete report's further sections (report-extras.ts): preparation, method, evidence, map, rules, outcome. */
	extras?: ReportExtras;
}

export function esc(s: unknown): string {
	return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const SEGMENT_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#882255', '#999933'];
/** ColorBrewer RdBu (11 classes), blue (−) to red (+): the app's diverging palette. */
const RDBU = ['#053061', '#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'];

function diverging(v: number): string {
	if (!Number.isFinite(v)) return '#e5e7eb';
	const t = (Math.max(-2, Math.min(2, v)) + 2) / 4; // −2 sd … +2 sd → 0 … 1
	return RDBU[Math.round(t * (RDBU.length - 1))];
}

function num(v: number): string {
	if (!Number.isFinite(v)) return '–';
	const a = Math.abs(v);
	if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
	return String(Number(v.toPrecision(4)));
}

function sd(v: number): string {
	return Number.isFinite(v) ? `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}` : '–';
}

function heatmapSvg(p: SegmentProfile, names: string[]): string {
	const rowNames = names.map((n, i) => `${i + 1}. ${n}`);
	const { cellW: cw, cellH: ch, rowLabelW: lw, colLabelH: th, legendStep: step, width: W, height: H } = smdLayout(rowNames, p.features);
	const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="How each segment differs from all customers, in standard deviations">`];
	p.features.forEach((f, j) => parts.push(`<text font-size="11" transform="translate(${lw + j * cw + cw / 2},${th - 6}) rotate(-50)">${esc(f)}</text>`));
	rowNames.forEach((n, i) => {
		parts.push(`<text font-size="11" x="${lw - 6}" y="${th + i * ch + ch / 2 + 4}" text-anchor="end">${esc(n)}</text>`);
		p.features.forEach((_, j) => {
			const v = p.segments[i].smd[j];
			parts.push(`<rect x="${lw + j * cw}" y="${th + i * ch}" width="${cw - 1}" height="${ch - 1}" fill="${diverging(v)}"/>`);
			parts.push(`<text font-size="11" x="${lw + j * cw + cw / 2}" y="${th + i * ch + ch / 2 + 4}" text-anchor="middle" fill="${Math.abs(v) > 1.2 ? '#fff' : '#111'}">${sd(v)}</text>`);
		});
	});
	SMD_LEGEND.forEach((v, i) => {
		parts.push(`<rect x="${lw + i * step}" y="${th + names.length * ch + 12}" width="${step}" height="10" fill="${diverging(v)}"/>`);
		parts.push(`<text font-size="10" x="${lw + i * step + step / 2}" y="${th + names.length * ch + 34}" text-anchor="middle">${sd(v)} sd</text>`);
	});
	parts.push('</svg>');
	return parts.join('');
}

function sizesSvg(p: SegmentProfile, names: string[]): string {
	// Label column as wide as the longest "k. name": a fixed 230 px cut the first ones.
	const bw = 360, rh = 22, lw = rowLabelWidth(names.map((n, i) => `${i + 1}. ${n}`));
	const max = Math.max(...p.segments.map((s) => s.share), 0.01);
	const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${lw + bw + 80} ${names.length * rh + 8}" width="${lw + bw + 80}" role="img" aria-label="Segment sizes">`];
	p.segments.forEach((s, i) => {
		parts.push(`<text font-size="11" x="${lw - 6}" y="${i * rh + 15}" text-anchor="end">${esc(`${i + 1}. ${names[i]}`)}</text>`);
		parts.push(`<rect x="${lw}" y="${i * rh + 3}" width="${((s.share / max) * bw).toFixed(1)}" height="${rh - 6}" fill="${SEGMENT_COLORS[i % SEGMENT_COLORS.length]}"/>`);
		parts.push(`<text font-size="11" x="${lw + (s.share / max) * bw + 4}" y="${i * rh + 15}">${(s.share * 100).toFixed(1)}%</text>`);
	});
	parts.push('</svg>');
	return parts.join('');
}

/** Box plots of every numeric feature by segment, three panels a row (as the page draws them). */
function boxPlotsSvg(p: SegmentProfile, names: string[] = []): string {
	const idx = p.features.map((_, j) => j).filter((j) => p.numeric[j]);
	if (!idx.length) return '';
	const PW = 300, left = 28, right = 14, top = 18, rowH = 16, perRow = 3;
	const PH = top + p.segments.length * rowH + 24;
	const W = PW * perRow, H = Math.ceil(idx.length / perRow) * PH;
	const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="Each feature by segment: quartiles, median and whiskers">`];
	idx.forEach((j, n) => {
		const boxes = p.segments.map((s) => s.box[j]);
		const bs = boxes.filter((b) => b && b.length);
		let lo = Math.min(...bs.map((b) => b[0])), hi = Math.max(...bs.map((b) => b[4]));
		if (!(hi > lo)) (lo = 0), (hi = 1);
		const x = (v: number) => (left + ((v - lo) / (hi - lo)) * (PW - left - right)).toFixed(1);
		const ox = (n % perRow) * PW, oy = Math.floor(n / perRow) * PH;
		parts.push(`<g transform="translate(${ox},${oy})"><text font-size="12" font-weight="600" x="${left}" y="12">${esc(p.features[j])}</text>`);
		boxes.forEach((b, s) => {
			if (!b || !b.length) return;
			const y = top + s * rowH + rowH / 2;
			// The number keeps the plot narrow; the segment's name is its tooltip and the key below the chart.
			parts.push(`<text font-size="10" x="${left - 4}" y="${y + 3}" text-anchor="end">${s + 1}<title>${esc(names[s] ?? `Segment ${s + 1}`)}</title></text><line x1="${x(b[0])}" x2="${x(b[4])}" y1="${y}" y2="${y}" stroke="#6b7280"/><rect x="${x(b[1])}" y="${y - 5}" width="${Math.max(1, Number(x(b[3])) - Number(x(b[1]))).toFixed(1)}" height="10" fill="${SEGMENT_COLORS[s % SEGMENT_COLORS.length]}" fill-opacity="0.75"/><line x1="${x(b[2])}" x2="${x(b[2])}" y1="${y - 6}" y2="${y + 6}" stroke="#111827" stroke-width="1.5"/>`);
		});
		parts.push(`<text font-size="10" x="${left}" y="${PH - 8}">${esc(num(lo))}</text><text font-size="10" x="${PW - right}" y="${PH - 8}" text-anchor="end">${esc(num(hi))}</text></g>`);
	});
	parts.push('</svg>');
	return parts.join('');
}

export function reportHtml(r: ReportInput): string {
	const p = r.profile;
	const cards = p.personas.map((pe, s) => {
		const seg = p.segments[s];
		const traits = pe.traits.map((t) => {
			const j = p.features.indexOf(t.feature);
			return `<li>${esc(t.feature)}: mean ${esc(num(seg.mean[j]))} vs ${esc(num(p.overall.mean[j]))} overall, median ${esc(num(seg.median[j]))} (${esc(sd(t.smd))} sd)</li>`;
		}).join('');
		return `<article class="persona" style="border-top-color:${SEGMENT_COLORS[s % SEGMENT_COLORS.length]}"><h3>${esc(r.names[s])}</h3><p class="muted">Segment ${s + 1} · ${seg.size.toLocaleString('en')} customers (${(seg.share * 100).toFixed(1)}%)</p><p>${esc(pe.reason)}</p><ul>${traits}</ul><p><strong>Suggested action: ${esc(pe.action)}.</strong> ${esc(pe.actionWhy)}</p></article>`;
	}).join('');
	const head = p.features.map((f) => `<th scope="col">${esc(f)}</th>`).join('');
	const rows = p.segments.map((seg, s) => `<tr><th scope="row">${s + 1}. ${esc(r.names[s])}</th><td>${seg.size.toLocaleString('en')}</td><td>${(seg.share * 100).toFixed(1)}%</td>${seg.mean.map((m, j) => `<td>${esc(num(m))}<br><span class="muted">${esc(num(seg.median[j]))}</span></td>`).join('')}</tr>`).join('');
	const overall = `<tr><th scope="row">All clustered rows</th><td>${r.rowsClustered.toLocaleString('en')}</td><td>100%</td>${p.overall.mean.map((m, j) => `<td>${esc(num(m))}<br><span class="muted">${esc(num(p.overall.median[j]))}</span></td>`).join('')}</tr>`;
	const tests = p.tests.map((t) => `<tr><th scope="row">${esc(t.feature)}</th><td>${Number.isFinite(t.h) ? t.h.toFixed(1) : '–'}</td><td>${formatP(t.p)}</td></tr>`).join('');
	const warnings = [...p.warnings, ...r.notes].map((w) => `<li>${esc(w)}</li>`).join('');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(r.title)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;color:#111827;max-width:1100px;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #e5e7eb;padding-bottom:.2rem}
h3{margin:0;font-size:1.05rem}.muted{color:#4b5563}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:.75rem}
.persona{border:1px solid #e5e7eb;border-top:5px solid;border-radius:8px;padding:.5rem .75rem;break-inside:avoid}
.persona p,.persona ul{margin:.25rem 0}.persona ul{padding-left:1.1rem}
table{border-collapse:collapse;font-size:12px;margin:.5rem 0}th,td{border-bottom:1px solid #e5e7eb;padding:.25rem .5rem;text-align:right;vertical-align:top}
th[scope=row],thead th:first-child{text-align:left}.scroll{overflow-x:auto}
pre{background:#f6f7f9;padding:.75rem;overflow-x:auto;font-size:11px;white-space:pre-wrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
.charts{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem}.chart{margin:.5rem 0}.charts .chart{width:300px;margin:0}.chart figcaption{font-size:11px}td.text{text-align:left}
@media print{body{max-width:none;margin:0;font-size:12px}h2{break-after:avoid}section{break-inside:auto}section+section{break-before:page}.persona,table,svg,figure{break-inside:avoid}pre{white-space:pre-wrap}.scroll{overflow:visible}}
</style></head><body>
<header><h1>${esc(r.title)}</h1><p class="muted">Segment Lab report · ${esc(r.createdAt)}</p></header>
<section aria-labelledby="s-summary"><h2 id="s-summary">Summary</h2>
<dl><dt>Data</dt><dd>${esc(r.source.name)} — ${r.rowCount.toLocaleString('en')} rows, ${r.source.columns.length} columns, fingerprint ${esc(r.source.hash)}</dd>
<dt>Clustered</dt><dd>${r.rowsClustered.toLocaleString('en')} rows on ${p.features.length} features: ${esc(p.features.join(', '))}</dd>
<dt>Segments</dt><dd>k = ${r.k}, ${esc(r.recipe.algorithm.name)}, seed ${r.recipe.seed}, mean silhouette ${Number.isFinite(r.silhouette) ? r.silhouette.toFixed(3) : '–'}</dd></dl>
${warnings ? `<h3 id="s-warnings">Warnings and notes</h3><ul>${warnings}</ul>` : ''}</section>
${r.extras ? extraSections(r.extras, r.names) : ''}
<section aria-labelledby="s-personas"><h2 id="s-personas">Personas</h2>${p.warnings.map((w) => `<p class="muted"><strong>Note:</strong> ${esc(w)}</p>`).join('')}<div class="cards">${cards}</div></section>
<section aria-labelledby="s-sizes"><h2 id="s-sizes">Segment sizes</h2>${sizesSvg(p, r.names)}</section>
<section aria-labelledby="s-heatmap"><h2 id="s-heatmap">How the segments differ</h2><p class="muted">Standardised mean difference of each segment from all clustered customers (their mean and standard deviation).</p><div class="scroll">${heatmapSvg(p, r.names)}</div></section>
<section aria-labelledby="s-box"><h2 id="s-box">Features by segment</h2><div class="scroll">${boxPlotsSvg(p, r.names)}</div><p class="muted">${r.names.map((n, s) => `${s + 1} = ${esc(n)}`).join('; ')}</p></section>
<section aria-labelledby="s-profile"><h2 id="s-profile">Profiles</h2><div class="scroll"><table><caption class="muted">Mean (median below) of each feature in original units</caption><thead><tr><th scope="col">Segment</th><th scope="col">Customers</th><th scope="col">Share</th>${head}</tr></thead><tbody>${rows}${overall}</tbody></table></div>
<table><caption class="muted">Kruskal–Wallis test per feature</caption><thead><tr><th scope="col">Feature</th><th scope="col">H</th><th scope="col">p-value</th></tr></thead><tbody>${tests}</tbody></table><p class="muted">${esc(p.testNote)}</p></section>
<section aria-labelledby="s-recipe"><h2 id="s-recipe">Recipe</h2><p class="muted">Load this in Segment Lab (or give it to <code>segment-lab run --recipe</code>) with the same file to reproduce these segments.</p><pre>${esc(JSON.stringify(r.recipe, null, 2))}</pre></section>
</body></html>
`;
}
