/**
 * Spreadsheet error cells (#N/A, #DIV/0!, #VALUE!, … stored with t="e") in one sheet of an .xlsx. The workbook
 * reader turns them into blank cells without saying so; this finds them so the user is told which cells they are.
 * A minimal ZIP reader (central directory + DecompressionStream 'deflate-raw', in browsers, workers and Node) and
 * regular expressions over the sheet's XML (ECMA-376 SpreadsheetML: <c r="D14" t="e"><v>#N/A</v></c>).
 */

interface Entry {
	method: number;
	size: number;
	offset: number;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

function entries(b: Uint8Array): Map<string, Entry> {
	const out = new Map<string, Entry>();
	let eocd = -1;
	for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
		if (u32(b, i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return out;
	let p = u32(b, eocd + 16);
	const n = u16(b, eocd + 10);
	const dec = new TextDecoder();
	for (let k = 0; k < n && u32(b, p) === 0x02014b50; k++) {
		const method = u16(b, p + 10), size = u32(b, p + 20), nameLen = u16(b, p + 28), extraLen = u16(b, p + 30), commentLen = u16(b, p + 32);
		const local = u32(b, p + 42);
		const name = dec.decode(b.subarray(p + 46, p + 46 + nameLen));
		// The data starts after the local header, whose name and extra field lengths can differ from the central one.
		out.set(name, { method, size, offset: local + 30 + u16(b, local + 26) + u16(b, local + 28) });
		p += 46 + nameLen + extraLen + commentLen;
	}
	return out;
}

type Stream = { pipeThrough(t: unknown): unknown };
async function inflate(b: Uint8Array, e: Entry): Promise<string> {
	const raw = b.subarray(e.offset, e.offset + e.size);
	if (e.method === 0) return new TextDecoder().decode(raw);
	const g = globalThis as unknown as { DecompressionStream: new (f: string) => unknown; Blob: new (parts: unknown[]) => { stream(): Stream }; Response: new (s: unknown) => { text(): Promise<string> } };
	return new g.Response(new g.Blob([raw]).stream().pipeThrough(new g.DecompressionStream('deflate-raw'))).text();
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The error cells of the named sheet, in document order: address ("D14") and value ("#N/A"). Empty when unsure. */
export async function sheetErrorCells(bytes: Uint8Array, sheet: string): Promise<{ cell: string; value: string }[]> {
	const files = entries(bytes);
	const wb = files.get('xl/workbook.xml'), rels = files.get('xl/_rels/workbook.xml.rels');
	if (!wb || !rels) return [];
	const workbook = await inflate(bytes, wb);
	const relText = await inflate(bytes, rels);
	const sheetTag = (workbook.match(/<sheet\b[^>]*>/g) ?? []).find((t) => unescapeXml(attr(t, 'name') ?? '') === sheet);
	const rid = sheetTag && attr(sheetTag, 'r:id');
	const rel = rid && (relText.match(/<Relationship\b[^>]*>/g) ?? []).find((t) => attr(t, 'Id') === rid);
	const target = rel && attr(rel, 'Target');
	if (!target) return [];
	const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
	const entry = files.get(path);
	if (!entry) return [];
	const xml = await inflate(bytes, entry);
	const out: { cell: string; value: string }[] = [];
	for (const m of xml.matchAll(/<c\b([^>]*)>([\s\S]*?)<\/c>/g)) {
		if (attr(m[1], 't') !== 'e') continue;
		const v = /<v>([^<]*)<\/v>/.exec(m[2]);
		out.push({ cell: attr(m[1], 'r') ?? '?', value: v ? unescapeXml(v[1]) : '#ERROR' });
	}
	return out;
}
