// The journey's "load + profile" in a Chromium worker, as the app's engine worker does it: loadBlob (File → Table),
// then describeTable (profiles + correlations) and the fingerprint, each phase timed.
import { describeTable } from '../../src/lib/engine/data/describe';
import { fingerprint } from '../../src/lib/engine/data/fingerprint';
import { loadBlob, prewarmReader } from '../../src/lib/workers/read-file';

prewarmReader();

self.onmessage = async (e: MessageEvent<File>) => {
	const t0 = performance.now();
	try {
		const table = await loadBlob(e.data, e.data.name);
		const t1 = performance.now();
		describeTable(table);
		const t2 = performance.now();
		fingerprint(table);
		const t3 = performance.now();
		self.postMessage({ ms: t3 - t0, rows: table.rowCount, fastPath: table.format?.fastPath, phases: { load: t1 - t0, profile: t2 - t1, fingerprint: t3 - t2 } });
	} catch (err) {
		self.postMessage({ error: String((err as Error).message ?? err) });
	}
};
