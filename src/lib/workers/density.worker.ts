/**
 * The large map's worker: holds the projected points and, for each view the scatter asks for, bins them into the
 * density image (or draws the individual points when few are in view; charts/density/density-image.ts). It
 * computes the points' extent and segment sizes (the axes and the legend), and answers hover (a grid index,
 * point-grid.ts) and selections (lasso.ts and the brush) over every point, so
 * the page's thread never passes over a million rows. Pixels and selections go back transferred, not copied.
 */
import { densityPicture } from '../charts/density/density-image';
import type { DensityReply, DensityRequest } from '../charts/density/protocol';
import { lassoSelect } from '../charts/lasso';
import { PointGrid } from '../charts/point-grid';
import { boxSelect, segmentSelect } from '../charts/scatter/queries';
import { pointStats } from '../charts/scatter/point-stats';

let coords: Float32Array = new Float32Array(0);
let labels: Int32Array = new Int32Array(0);
let values: Float32Array | null = null;
let n = 0;
let k = 0;
let grid: PointGrid | null = null;
let gridHidden = '';

const post = (m: DensityReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

function skipper(hidden: Uint8Array): (i: number) => boolean {
	return (i) => {
		const s = labels[i];
		return s >= 0 && s < hidden.length && hidden[s] === 1;
	};
}

self.onmessage = (e: MessageEvent<DensityRequest>) => {
	const m = e.data;
	try {
		switch (m.type) {
			case 'data':
				({ coords, labels, n, k } = m);
				grid = null;
				post({ type: 'stats', seq: m.seq, stats: pointStats(coords, labels, n, k) });
				return;
			case 'values':
				values = m.values;
				return;
			case 'view': {
				const t0 = performance.now();
				const p = densityPicture(coords, labels, values, n, k, m.view, m.colours);
				// A bitmap made here: the page only draws it (no putImageData, no copy of the pixels on its thread).
				void createImageBitmap(new ImageData(p.pixels, m.view.pw, m.view.ph)).then((bitmap) =>
					post({ type: 'picture', seq: m.seq, bitmap, visible: p.visible, points: p.points, ms: performance.now() - t0 }, [bitmap])
				);
				return;
			}
			case 'nearest': {
				const key = m.hidden.join(',');
				if (!grid || gridHidden !== key) {
					grid = new PointGrid(coords, n, skipper(m.hidden));
					gridHidden = key;
				}
				post({ type: 'answer', qid: m.qid, index: grid.nearest(m.x, m.y, m.kx, m.ky, m.radiusPx) });
				return;
			}
			case 'polygon':
			case 'box':
			case 'segment': {
				const skip = skipper(m.hidden);
				const indices =
					m.type === 'polygon' ? lassoSelect(coords, n, m.poly, skip) : m.type === 'box' ? boxSelect(coords, n, m.x0, m.x1, m.y0, m.y1, skip) : segmentSelect(labels, n, m.s, skip);
				post({ type: 'answer', qid: m.qid, indices }, [indices.buffer]);
				return;
			}
		}
	} catch (err) {
		post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
	}
};
