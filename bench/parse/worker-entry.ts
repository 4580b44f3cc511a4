// The bench's worker in Chromium: the same loadBlob the app's engine worker uses, timed from File to Table. Like
// the engine worker (started when the page opens), it starts its reader thread when it starts.
import { loadBlob, prewarmReader } from '../../src/lib/workers/read-file';

prewarmReader();

self.onmessage = async (e: MessageEvent<File>) => {
	const t0 = performance.now();
	try {
		const table = await loadBlob(e.data, e.data.name);
		self.postMessage({ ms: performance.now() - t0, rows: table.rowCount, fastPath: table.format?.fastPath });
	} catch (err) {
		self.postMessage({ error: String((err as Error).message ?? err) });
	}
};
