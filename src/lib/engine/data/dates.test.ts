import { describe, expect, it } from 'vitest';
import { dayOf, detectDayOrder, isoDay, parseDateTime } from './dates';

describe('dates', () => {
	it('reads ISO and slashed dates as UTC wall-clock time', () => {
		expect(parseDateTime('2011-12-09 12:50:00')).toBe(Date.UTC(2011, 11, 9, 12, 50));
		expect(parseDateTime('2011-12-09T12:50')).toBe(Date.UTC(2011, 11, 9, 12, 50));
		expect(parseDateTime('12/9/2011 12:50')).toBe(Date.UTC(2011, 11, 9, 12, 50));
		expect(parseDateTime('9/12/2011', 'dmy')).toBe(Date.UTC(2011, 11, 9));
		for (const bad of ['', 'soon', '2011-02-30', '13/13/2011', '2011-13-01']) expect(parseDateTime(bad)).toBeNaN();
	});
	it('detects day-first dates and numbers days', () => {
		expect(detectDayOrder(['1/2/2020', '25/2/2020'])).toBe('dmy');
		expect(detectDayOrder(['1/2/2020', '2/25/2020'])).toBe('mdy');
		expect(isoDay(dayOf(parseDateTime('2011-12-09 23:59:59')) + 1)).toBe('2011-12-10');
	});
});
