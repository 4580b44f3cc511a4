import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { RowStatus } from '../types';
import { asideGroup } from './aside-group';

describe('asideGroup', () => {
	it('counts the rows set aside and averages their present values', () => {
		const t = parseCsv('x,y\n1,10\n2,\n3,30\n4,40\n', 't.csv');
		const status = Uint8Array.from([RowStatus.clustered, RowStatus.setAsideOutlier, RowStatus.setAsideOutlier, RowStatus.droppedMissing]);
		expect(asideGroup(t, ['x', 'y'], status)).toEqual({ count: 2, means: [2.5, 30] });
		expect(asideGroup(t, ['x'], new Uint8Array(4))).toEqual({ count: 0, means: [] });
	});
});
