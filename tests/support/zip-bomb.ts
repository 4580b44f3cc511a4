/**
 * Builds zip-bomb workbooks for the limit tests, in about a second and without inflating anything: a raw deflate
 * stream of N MiB of zeros is made by compressing 1 MiB twice with a sync flush (the second block only refers back
 * into a window of zeros, so it is the same for every later MiB) and repeating that block. 2,048 MiB → about 2 MB.
 * CRC-32 fields are left 0: the size checks under test stop before any reader would verify them.
 */
import { constants, createDeflateRaw } from 'node:zlib';

const MIB = 2 ** 20;

function deflateBlocks(): Promise<{ first: Buffer; repeat: Buffer; end: Buffer }> {
	return new Promise((resolve, reject) => {
		const d = createDeflateRaw({ level: 9 });
		const parts: Buffer[] = [];
		d.on('data', (c: Buffer) => parts.push(c));
		d.on('error', reject);
		const zeros = Buffer.alloc(MIB, 0x30); // '0' characters: an XML text node's worth of digits
		const flushAll = () => new Promise<Buffer>((r) => d.flush(constants.Z_SYNC_FLUSH, () => r(Buffer.concat(parts.splice(0)))));
		d.write(zeros);
		void flushAll().then((first) => {
			d.write(zeros);
			void flushAll().then((repeat) => {
				d.write(zeros);
				void flushAll().then((again) => {
					if (!again.equals(repeat)) reject(new Error('the repeated deflate block is not stable'));
					d.end();
					d.on('end', () => resolve({ first, repeat: again, end: Buffer.concat(parts) }));
				});
			});
		});
	});
}

interface Part {
	name: string;
	data: Buffer;
	method: number;
	size: number;
}

function zip(parts: Part[], declare: (p: Part) => number): Buffer {
	const local: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const p of parts) {
		const name = Buffer.from(p.name);
		const h = Buffer.alloc(30);
		h.writeUInt32LE(0x04034b50, 0);
		h.writeUInt16LE(20, 4);
		h.writeUInt16LE(p.method, 8);
		h.writeUInt32LE(p.data.length, 18);
		h.writeUInt32LE(Math.min(declare(p), 0xffffffff), 22);
		h.writeUInt16LE(name.length, 26);
		local.push(h, name, p.data);
		const c = Buffer.alloc(46);
		c.writeUInt32LE(0x02014b50, 0);
		c.writeUInt16LE(20, 4);
		c.writeUInt16LE(20, 6);
		c.writeUInt16LE(p.method, 10);
		c.writeUInt32LE(p.data.length, 20);
		c.writeUInt32LE(Math.min(declare(p), 0xffffffff), 24);
		c.writeUInt16LE(name.length, 28);
		c.writeUInt32LE(offset, 42);
		central.push(c, name);
		offset += 30 + name.length + p.data.length;
	}
	const cd = Buffer.concat(central);
	const e = Buffer.alloc(22);
	e.writeUInt32LE(0x06054b50, 0);
	e.writeUInt16LE(parts.length, 8);
	e.writeUInt16LE(parts.length, 10);
	e.writeUInt32LE(cd.length, 12);
	e.writeUInt32LE(offset, 16);
	return Buffer.concat([...local, cd, e]);
}

/**
 * A workbook whose sheet unzips to `mib` MiB. `lie`: the zip directory declares 1 kB for it, so only the running
 * count while inflating can catch it.
 */
export async function zipBombWorkbook(mib = 2048, lie = false): Promise<Buffer> {
	const { first, repeat, end } = await deflateBlocks();
	const sheet = Buffer.concat([first, ...new Array<Buffer>(mib - 1).fill(repeat), end]);
	const stored = (name: string, text: string): Part => ({ name, data: Buffer.from(text), method: 0, size: Buffer.byteLength(text) });
	const parts: Part[] = [
		stored('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
		stored('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>'),
		{ name: 'xl/worksheets/sheet1.xml', data: sheet, method: 8, size: mib * MIB }
	];
	return zip(parts, (p) => (lie && p.method === 8 ? 1024 : p.size));
}
