/**
 * The "Bad input" list of issue 3, walked in the built site: every case gets a message naming the file (and the
 * line, row or column where there is one) and what to do; a file with unreadable lines waits at an accept step
 * before anything downstream runs; loads show progress with Cancel; a file too large is refused before reading.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, gotoStep, launchApp, readCsv, type App } from './harness';

const DIR = new URL('../fixtures/formats/', import.meta.url).pathname;
const SHOTS = process.env.SCREENSHOT_DIR;

describe('bad input in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});
	const shot = async (name: string) => {
		if (SHOTS) await app.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
	};
	const give = (name: string, text: string | Buffer, mimeType = 'text/csv') =>
		app.page.getByLabel('Upload data').setInputFiles({ name, mimeType, buffer: typeof text === 'string' ? Buffer.from(text) : text });
	const alert = () => app.page.getByRole('alert');
	const dismiss = () => app.page.getByRole('button', { name: 'Dismiss' }).click();

	it('ragged rows and lines that are not data wait at an accept step; nothing downstream runs until the user keeps the readable rows', async () => {
		const { page } = app;
		await page.getByLabel('Upload data').setInputFiles(DIR + 'customers-messy.csv');
		const review = page.getByRole('region', { name: /7 lines of “customers-messy.csv” could not be read as rows/ });
		await review.waitFor();
		await expect(review.textContent()).resolves.toMatch(/12 readable rows \(6 columns\) can be used/);
		const reasons = review.getByRole('table', { name: /Skipped lines by reason/ });
		await expect(reasons.getByRole('row', { name: /merge-conflict marker/ }).textContent()).resolves.toMatch(/3\s*6, 9, 10/);
		await expect(reasons.getByRole('row', { name: /more fields than the header/ }).textContent()).resolves.toMatch(/1\s*13/);
		await expect(reasons.getByRole('row', { name: /never closed/ }).textContent()).resolves.toMatch(/1\s*20/);
		await expect(review.textContent()).resolves.toMatch(/1 header \+ 12 in rows \+ 0 blank \+ 7 skipped = 20/);
		// The decision has the focus; profile, preparation and run are not on the page yet.
		await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Keep the 12 readable rows');
		await expect(page.getByRole('heading', { name: /Columns/ }).count()).resolves.toBe(0);
		await expect(page.getByRole('button', { name: 'Run', exact: true }).count()).resolves.toBe(0);
		await shot('accept-step-messy');
		const [download] = await Promise.all([page.waitForEvent('download'), review.getByRole('button', { name: 'Download the 7 skipped lines' }).click()]);
		const rows = readCsv(readFileSync((await download.path())!, 'utf8'));
		expect(rows.slice(1).map((r) => r[0])).toEqual(['6', '9', '10', '13', '15', '17', '20']);
		await review.getByRole('button', { name: 'Keep the 12 readable rows' }).click();
		await page.getByText(/customers-messy\.csv: 12 rows × 6 columns/).waitFor();
		await page.getByRole('heading', { name: /Columns/ }).waitFor();
		// The acceptance is in the Recipe, so the run (in the worker, through analyse) goes ahead.
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Largest k').fill('3');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await gotoStep(page, 'Segments');
		await page.getByRole('heading', { name: 'Who the segments are' }).waitFor({ timeout: 120_000 });
		await expect(alert().count()).resolves.toBe(0);
	});

	it('"Choose another file" drops the file under review', async () => {
		const { page } = app;
		await gotoStep(page, 'Data');
		await give('ragged.csv', 'id,spend,visits\n1,10,2\n2,20,3,extra note\n3,30,4\n');
		const review = page.getByRole('region', { name: /1 line of “ragged.csv” could not be read as rows/ });
		await review.waitFor();
		await expect(review.textContent()).resolves.toMatch(/more fields than the header.*1\s*3/s);
		await review.getByRole('button', { name: 'Choose another file' }).click();
		await page.getByText(/“ragged.csv” was not used\. Fix the lines listed, or choose another file\./).waitFor();
		await expect(review.count()).resolves.toBe(0);
		await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('file');
	});

	it('NDJSON and JSON: lines and items that are not records are counted with their line numbers', async () => {
		const { page } = app;
		await give('events.ndjson', '{"id":1,"spend":2}\n{"id":2,"spend":\n\n[1,2]\n{"id":3,"spend":4}\n{"id":4,"spend":5}\n', 'application/x-ndjson');
		let review = page.getByRole('region', { name: /2 lines of “events.ndjson” could not be read as rows/ });
		await review.waitFor();
		await expect(review.getByRole('row', { name: /not valid JSON/ }).textContent()).resolves.toMatch(/1\s*2$/);
		await expect(review.getByRole('row', { name: /not an object/ }).textContent()).resolves.toMatch(/1\s*4$/);
		await expect(review.textContent()).resolves.toMatch(/0 header \+ 3 in rows \+ 1 blank \+ 2 skipped = 6/);
		await shot('accept-step-ndjson');
		await give('list.json', '[\n {"id": 1, "spend": 2},\n 7,\n {"id": 2, "spend": 3}\n]', 'application/json');
		review = page.getByRole('region', { name: /1 line of “list.json” could not be read as rows/ });
		await review.waitFor();
		await expect(review.textContent()).resolves.toMatch(/Every item of the JSON array is accounted for: 2 read as rows \+ 1 skipped = 3/);
		await review.getByRole('button', { name: 'Keep the 2 readable rows' }).click();
		await page.getByText(/list\.json: 2 rows × 2 columns/).waitFor();
	});

	it('empty, blank, header-only and not-a-table files: a specific message each', async () => {
		const { page } = app;
		const cases: [string, string | Buffer, RegExp, RegExp][] = [
			['empty.csv', Buffer.alloc(0), /"empty.csv" is empty \(0 bytes\)/, /header row and at least one row of data/],
			['blank.csv', '\n  \n\n', /"blank.csv" is empty/, /header row/],
			['header.csv', 'id,spend,visits\r\n', /"header.csv" has a header row \(3 columns\) but no data rows/, /exported the data and not only the column names/],
			['prose.txt', 'Dear customer\nthank you for your order\nsee you soon\n', /"prose.txt" does not look like a delimited table/, /first line names the columns/],
			['broken.json', '[{"id": 1}, {"id" 2}]', /"broken.json" is not valid JSON.*line 1,? column 19/, /complete/]
		];
		for (const [name, body, message, hint] of cases) {
			await give(name, body);
			await alert().getByText(message).waitFor();
			await expect(alert().textContent()).resolves.toMatch(hint);
			if (name === 'header.csv') await shot('error-header-only');
			await dismiss();
		}
	});

	it('duplicate and blank header names are renamed a, a_2 … and said', async () => {
		const { page } = app;
		await give('dups.csv', 'a,a,,spend\n1,2,3,4\n5,6,7,8\n');
		await page.getByText(/dups\.csv: 2 rows × 4 columns/).waitFor();
		await page.getByText('The column name "a" appears more than once; the copy in column 2 is called "a_2".').waitFor();
		await page.getByText('Column 3 had no name; it is called "column_3".').waitFor();
		await expect(page.getByRole('table', { name: 'Column profiles' }).getByText('a_2', { exact: true }).count()).resolves.toBeGreaterThan(0);
	});

	it('spreadsheet error values: read as missing, said with the column and the first lines', async () => {
		const { page } = app;
		await give('errors.csv', 'id,spend,visits\n1,#VALUE!,3\n2,5,1\n3,#DIV/0!,2\n');
		await page.getByText(/2 spreadsheet error value\(s\) \(#N\/A, #VALUE!, #DIV\/0!, …\) in column "spend" of "errors.csv" \(first at lines 2, 4\) were read as missing/).waitFor();
	});

	it('binary files: named for what they are', async () => {
		const cases: [string, Buffer, RegExp][] = [
			['photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /"photo.csv" does not look like a text file: it is a PNG image/],
			['archive.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), /"archive.csv" is a ZIP archive, not a table/],
			['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /old-style Excel workbook \(.xls\)/],
			['random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /"random.bin" does not look like a text file \(it contains binary bytes\)/]
		];
		for (const [name, body, message] of cases) {
			await give(name, body, 'application/octet-stream');
			await alert().getByText(message).waitFor();
			if (name === 'photo.csv') await shot('error-binary');
			await dismiss();
		}
	});

	it('a file too large for this device is refused before a byte is read', async () => {
		const { page } = app;
		// 24 references to one 64 MB blob make a 1.5 GB file without 1.5 GB of memory; dropped on the drop zone.
		const drop = (name: string) =>
			page.getByRole('group', { name: 'Drop a CSV file here' }).evaluate((el, name) => {
				const part = new Blob([new Uint8Array(64 * 2 ** 20).fill(49)]);
				const file = new File(Array.from({ length: 24 }, () => part), name);
				const dt = new DataTransfer();
				dt.items.add(file);
				el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
			}, name);
		await drop('huge.csv');
		await alert().getByText(/"huge.csv" is 1,536 MB: larger than the 512 MB of text a browser can hold at once, so it was not read/).waitFor();
		await dismiss();
		await drop('huge.parquet');
		await alert().getByText(/"huge.parquet" is 1,536 MB; reading it would need about [\d,]+ MB of memory, more than this device can safely give the page/).waitFor();
		await expect(alert().textContent()).resolves.toMatch(/It was not read\..*Load a sample of the rows/s);
		await shot('error-too-large');
		await dismiss();
	});

	it('a load shows progress in bytes and rows with Cancel (Parquet by row group), and Cancel stops it and keeps the previous file', async () => {
		const { page } = app;
		// Every progress text the page shows, recorded as it changes.
		await page.evaluate(() => {
			const w = window as unknown as { __stages: string[]; __mo?: MutationObserver };
			w.__stages = [];
			w.__mo?.disconnect();
			w.__mo = new MutationObserver(() => {
				for (const el of document.querySelectorAll('[role="status"] label span')) {
					const t = el.textContent ?? '';
					if (t && w.__stages[w.__stages.length - 1] !== t) w.__stages.push(t);
				}
			});
			w.__mo.observe(document.body, { subtree: true, childList: true, characterData: true });
		});
		const stages = () => page.evaluate(() => (window as unknown as { __stages: string[] }).__stages.splice(0));
		// Parquet: 400,000 rows in 4 row groups (written with hyparquet-writer), so progress arrives while it reads.
		const dir = mkdtempSync(join(tmpdir(), 'segment-lab-progress-'));
		const n = 400_000;
		const pq = parquetWriteBuffer({
			columnData: [
				{ name: 'id', data: Int32Array.from({ length: n }, (_, i) => i), type: 'INT32' },
				{ name: 'spend', data: Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000), type: 'DOUBLE' }
			],
			rowGroupSize: n / 4
		});
		writeFileSync(join(dir, 'many.parquet'), new Uint8Array(pq));
		await page.getByLabel('Upload data').setInputFiles(join(dir, 'many.parquet'));
		await page.getByText(/many\.parquet: 400,000 rows × 2 columns/).waitFor({ timeout: 60_000 });
		const pqStages = await stages();
		expect(pqStages.some((s) => /^Reading many\.parquet: [\d,]+ of 400,000 rows \(row group [1-4] of 4, [\d.]+ of [\d.]+ MB\)$/.test(s)), pqStages.join('\n')).toBe(true);
		// .xlsx stages (the reader parses the whole workbook in one call) are checked in bad-input.test.ts (unit): the
		// 5 kB fixture loads before any progress message could show, and a large workbook is not generated here.
		await page.getByLabel('Upload data').setInputFiles(DIR + 'customers.xlsx');
		await page.getByText(/customers\.xlsx: 13 rows × 6 columns/).waitFor();
		// Cancel: a 60 MB text file with quoted fields (the general path) is stopped mid-read.
		const big = join(mkdtempSync(join(tmpdir(), 'segment-lab-cancel-')), 'big-quoted.csv');
		const line = '"C0001","Zoë, the ""first""",FR,1234.5,7,0.25\n';
		writeFileSync(big, 'customer_id,name,country,spend,visits,rate\n' + line.repeat(Math.ceil((60 * 2 ** 20) / line.length)));
		await page.getByLabel('Upload data').setInputFiles(big);
		// Progress in bytes or rows shows (the wording belongs to the CSV reader), then Cancel.
		await page.getByRole('status').getByText(/^Reading big-quoted\.csv: .*\d.*(MB|kB|rows)/).waitFor();
		await page.getByRole('button', { name: 'Cancel' }).click();
		await page.getByText('Loading “big-quoted.csv” was cancelled. “customers.xlsx” is still loaded.').waitFor();
		await shot('load-cancelled');
		await expect(page.getByText(/big-quoted\.csv: [\d,]+ rows/).count()).resolves.toBe(0);
		// The previous file is really still there: the worker, stopped mid-read, reads it again for the next call.
		await page.getByText(/customers\.xlsx: 13 rows × 6 columns/).waitFor();
		await gotoStep(page, 'Prepare');
		await page.getByLabel('Preview column').selectOption('rate');
		await page.getByText(/of 13 rows will be clustered/).waitFor();
		await expect(alert().count()).resolves.toBe(0);
	});

	it('made no request off the page and logged no error', () => {
		expect(foreignRequests(app)).toEqual([]);
		expect(app.consoleErrors).toEqual([]);
	});
});
