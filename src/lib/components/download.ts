/** Saves a Blob as a file through a temporary object URL (no network involved). */
export function saveBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function baseName(name: string): string {
	return name.replace(/\.[^.]+$/, '') || 'data';
}

/** One Intl.NumberFormat per precision (0 = integers), made once: toLocaleString builds a new one every call. */
const formats = new Map<number, Intl.NumberFormat>();
function numberFormat(significant: number): Intl.NumberFormat {
	let f = formats.get(significant);
	if (!f) formats.set(significant, (f = new Intl.NumberFormat('en', significant === 0 ? {} : { maximumSignificantDigits: significant })));
	return f;
}

export const fmt = {
	num(v: number, digits = 3): string {
		if (!Number.isFinite(v)) return '–';
		const a = Math.abs(v);
		if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
		return numberFormat(Math.max(digits, Math.min(7, Math.ceil(Math.log10(a + 1)) + 1))).format(v);
	},
	int(v: number): string {
		return numberFormat(0).format(v);
	},
	pct(v: number, digits = 1): string {
		return `${(v * 100).toFixed(digits)}%`;
	}
};
