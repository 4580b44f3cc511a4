import { CHART_FONT, TYPE, wrapText } from './type-scale';

/**
 * Chart export shared by every chart: an <svg> serialised with its computed styles inlined (so the file looks
 * the same outside the page: the same font family and sizes as on screen, always in the light colours), a visible
 * title on top (from `title`, else the SVG's own <title>), and PNG drawn from that same SVG at 2×. For a canvas +
 * SVG composite the file embeds the canvas as a PNG <image> under the vector axes and legend (200,000 <circle>
 * elements would make a file no tool opens comfortably).
 */
const STYLE_PROPS = [
	'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linejoin', 'paint-order', 'opacity',
	'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant-numeric', 'text-anchor', 'dominant-baseline', 'visibility', 'display', 'color'
];
const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_LINE = TYPE.title + 5;

interface ExportOptions {
	canvas?: HTMLCanvasElement | null;
	/** The heading drawn above the chart; the SVG's <title> when not given. */
	title?: string | null;
	background?: string;
}

/** The chart as a standalone SVG document (width × height in the SVG's own user units, plus the title band). */
export function svgMarkup(svg: SVGSVGElement, opts: ExportOptions = {}): string {
	const { w, h } = size(svg);
	// The family as the browser resolved it for the chart, so the title is written exactly like every other text.
	const family = getComputedStyle(svg).fontFamily || CHART_FONT;
	// Copy the styles as they are in the light theme, whatever the page shows.
	svg.classList.add('chart-export');
	let clone: SVGSVGElement;
	try {
		clone = svg.cloneNode(true) as SVGSVGElement;
		const src = svg.querySelectorAll('*');
		const dst = clone.querySelectorAll('*');
		inline(svg, clone);
		src.forEach((el, i) => inline(el as Element, dst[i] as Element));
	} finally {
		svg.classList.remove('chart-export');
	}
	clone.querySelectorAll('[data-export="skip"]').forEach((el) => el.remove());
	const title = (opts.title ?? svg.querySelector(':scope > title')?.textContent ?? '').trim();
	const lines = title ? wrapText(title, w - 16, TYPE.title, 600) : [];
	const band = lines.length ? lines.length * TITLE_LINE + 8 : 0;

	const out = document.createElementNS(SVG_NS, 'svg');
	out.setAttribute('xmlns', SVG_NS);
	out.setAttribute('width', String(w));
	out.setAttribute('height', String(h + band));
	out.setAttribute('viewBox', `0 0 ${w} ${h + band}`);
	out.setAttribute('style', `font-family:${family}`);
	for (const a of ['role', 'aria-labelledby', 'aria-describedby']) if (clone.hasAttribute(a)) out.setAttribute(a, clone.getAttribute(a)!);
	const bg = document.createElementNS(SVG_NS, 'rect');
	bg.setAttribute('width', String(w));
	bg.setAttribute('height', String(h + band));
	bg.setAttribute('fill', opts.background ?? '#ffffff');
	out.appendChild(bg);
	lines.forEach((line, i) => {
		const t = document.createElementNS(SVG_NS, 'text');
		t.setAttribute('x', '8');
		t.setAttribute('y', String(6 + TYPE.title + i * TITLE_LINE));
		t.setAttribute('style', `font-family:${family};font-size:${TYPE.title}px;font-weight:600;fill:#111827`);
		t.textContent = line;
		out.appendChild(t);
	});
	// The chart itself, moved under the title band; its <title> and <desc> stay first for assistive technology.
	const body = document.createElementNS(SVG_NS, 'svg');
	body.setAttribute('x', '0');
	body.setAttribute('y', String(band));
	body.setAttribute('width', String(w));
	body.setAttribute('height', String(h));
	body.setAttribute('viewBox', `0 0 ${w} ${h}`);
	body.setAttribute('style', clone.getAttribute('style') ?? '');
	for (const el of [...clone.querySelectorAll(':scope > title, :scope > desc')]) out.insertBefore(el, out.firstChild);
	if (opts.canvas) {
		const img = document.createElementNS(SVG_NS, 'image');
		img.setAttribute('href', opts.canvas.toDataURL('image/png'));
		img.setAttribute('x', '0');
		img.setAttribute('y', '0');
		img.setAttribute('width', String(w));
		img.setAttribute('height', String(h));
		body.appendChild(img);
	}
	while (clone.firstChild) body.appendChild(clone.firstChild);
	out.appendChild(body);
	return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out);
}

function size(svg: SVGSVGElement): { w: number; h: number } {
	const vb = svg.viewBox.baseVal;
	return { w: vb && vb.width ? vb.width : svg.clientWidth, h: vb && vb.height ? vb.height : svg.clientHeight };
}

function inline(from: Element, to: Element): void {
	const cs = getComputedStyle(from);
	const decl = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).filter((d) => !d.endsWith(':')).join(';');
	to.setAttribute('style', decl);
	to.removeAttribute('class');
}

export function svgBlob(svg: SVGSVGElement, opts: ExportOptions = {}): Blob {
	return new Blob([svgMarkup(svg, opts)], { type: 'image/svg+xml' });
}

/** PNG at `scale` × the exported SVG's size: the same document as the SVG download (title, canvas and all). */
export async function pngBlob(svg: SVGSVGElement, opts: ExportOptions & { scale?: number } = {}): Promise<Blob> {
	const scale = opts.scale ?? 2;
	const markup = svgMarkup(svg, opts);
	const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
	try {
		const img = new Image();
		img.src = url;
		await img.decode();
		const out = document.createElement('canvas');
		out.width = Math.round(img.naturalWidth * scale);
		out.height = Math.round(img.naturalHeight * scale);
		const ctx = out.getContext('2d')!;
		ctx.drawImage(img, 0, 0, out.width, out.height);
		return await new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
	} finally {
		URL.revokeObjectURL(url);
	}
}
