/**
 * Chart export shared by every chart: an <svg> serialised with its computed styles inlined (so the file looks
 * the same outside the page), and PNG from SVG, or from a canvas of points with its SVG overlay drawn on top.
 * For a canvas + SVG composite the SVG file embeds the canvas as a PNG <image> under the vector axes and legend
 * (200,000 <circle> elements would make a file no tool opens comfortably).
 */
const STYLE_PROPS = [
	'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity', 'font-family', 'font-size',
	'font-weight', 'text-anchor', 'dominant-baseline', 'visibility', 'display', 'color'
];

/** The chart as a standalone SVG document (width × height in the SVG's own user units). */
export function svgMarkup(svg: SVGSVGElement, opts: { canvas?: HTMLCanvasElement | null; background?: string } = {}): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const src = svg.querySelectorAll('*');
	const dst = clone.querySelectorAll('*');
	inline(svg, clone);
	src.forEach((el, i) => inline(el as Element, dst[i] as Element));
	const vb = svg.viewBox.baseVal;
	const w = vb && vb.width ? vb.width : svg.clientWidth, h = vb && vb.height ? vb.height : svg.clientHeight;
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	clone.setAttribute('width', String(w));
	clone.setAttribute('height', String(h));
	clone.removeAttribute('style');
	clone.querySelectorAll('[data-export="skip"]').forEach((el) => el.remove());
	const first = clone.firstChild;
	if (opts.canvas) {
		const img = document.createElementNS('http://www.w3.org/2000/svg', 'image');
		img.setAttribute('href', opts.canvas.toDataURL('image/png'));
		img.setAttribute('x', '0');
		img.setAttribute('y', '0');
		img.setAttribute('width', String(w));
		img.setAttribute('height', String(h));
		clone.insertBefore(img, first);
	}
	const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
	bg.setAttribute('width', String(w));
	bg.setAttribute('height', String(h));
	bg.setAttribute('fill', opts.background ?? '#ffffff');
	clone.insertBefore(bg, clone.firstChild);
	return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

function inline(from: Element, to: Element): void {
	const cs = getComputedStyle(from);
	const decl = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).filter((d) => !d.endsWith(':')).join(';');
	to.setAttribute('style', decl);
	to.removeAttribute('class');
}

export function svgBlob(svg: SVGSVGElement, opts: { canvas?: HTMLCanvasElement | null } = {}): Blob {
	return new Blob([svgMarkup(svg, opts)], { type: 'image/svg+xml' });
}

/**
 * PNG at `scale` × the SVG's user size: the canvas (if any) first, then the SVG overlay rendered as an image.
 * The overlay is rendered without the canvas embedded, so nothing is drawn twice.
 */
export async function pngBlob(svg: SVGSVGElement, opts: { canvas?: HTMLCanvasElement | null; scale?: number } = {}): Promise<Blob> {
	const scale = opts.scale ?? 2;
	const vb = svg.viewBox.baseVal;
	const w = vb && vb.width ? vb.width : svg.clientWidth, h = vb && vb.height ? vb.height : svg.clientHeight;
	const out = document.createElement('canvas');
	out.width = Math.round(w * scale);
	out.height = Math.round(h * scale);
	const ctx = out.getContext('2d')!;
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, out.width, out.height);
	if (opts.canvas) ctx.drawImage(opts.canvas, 0, 0, out.width, out.height);
	const markup = svgMarkup(svg, { background: 'none' });
	const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
	try {
		const img = new Image();
		img.src = url;
		await img.decode();
		ctx.drawImage(img, 0, 0, out.width, out.height);
	} finally {
		URL.revokeObjectURL(url);
	}
	return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
