/** What the lesson canvas draws: flat arrays read by index, plus a few overlays. Coordinates are data units. */
export const Mark = {
	/** Ordinary point, filled with its colour. */
	Point: 0,
	/** Not reached yet: hollow grey. */
	Unreached: 1,
	/** DBSCAN core point: large and filled. */
	Core: 2,
	/** DBSCAN border point: small, filled, white edge. */
	Border: 3,
	/** Noise: a grey cross. */
	Noise: 4
} as const;

export interface Marker {
	/** Markers with the same key glide from their last drawn place to the new one. */
	key: string;
	x: number;
	y: number;
	colour: number;
	/** Ellipse radii (data units) and rotation (radians): Gaussian components. */
	rx?: number;
	ry?: number;
	angle?: number;
	/** Where a new marker starts its glide (a merge: each half's own centre). */
	from?: [number, number];
	shape: 'centre' | 'ellipse' | 'merge';
}

export interface Scene {
	rows: number;
	/** rows × 2 display coordinates. */
	xy: Float64Array;
	/** Colour index per point (palette), -1 grey. */
	colour: Int32Array;
	mark: Uint8Array;
	/** Optional per-point opacity (Gaussian mixture confidence). */
	alpha: Float32Array | null;
	markers: Marker[];
	/** Colour the plane by the nearest centre marker (k-means). */
	voronoi: boolean;
	/** The eps circle around the visited point. */
	circle: { x: number; y: number; r: number } | null;
	/** Points to ring (the visited point's neighbours, the clusters being merged). */
	ring: number[];
	/** A short text summary of the picture for screen readers. */
	description: string;
	/** A fingerprint of everything drawn, for tests that compare two states. */
	fingerprint: string;
}

/** FNV-1a over numbers rounded to 1e-9: equal pictures, equal fingerprints. */
export function fingerprint(parts: ArrayLike<number>[]): string {
	let h = 0x811c9dc5;
	for (const a of parts) {
		for (let i = 0; i < a.length; i++) {
			const s = Number.isFinite(a[i]) ? Math.round(a[i] * 1e9).toString(36) : 'n';
			for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193) >>> 0;
			h = Math.imul(h ^ 44, 0x01000193) >>> 0;
		}
		h = Math.imul(h ^ 59, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}
