import { describe, expect, it } from 'vitest';
import { UndoStack } from './undo';

const e = (key: string, label = key) => ({ key, label });

describe('UndoStack', () => {
	it('starts with nothing to undo or redo', () => {
		const s = new UndoStack('a');
		expect([s.canUndo, s.canRedo, s.undoLabel, s.redoLabel, s.undo(), s.redo()]).toEqual([false, false, null, null, null, null]);
		expect(s.present).toBe('a');
	});

	it('walks back and forth through the recorded states with their labels', () => {
		const s = new UndoStack('a');
		s.record('b', e('x', 'to b'), 0);
		s.record('c', e('y', 'to c'), 10_000);
		s.record('d', e('z', 'to d'), 20_000);
		expect(s.undoLabel).toBe('to d');
		expect(s.undo()).toBe('c');
		expect([s.undoLabel, s.redoLabel]).toEqual(['to c', 'to d']);
		expect(s.undo()).toBe('b');
		expect(s.undo()).toBe('a');
		expect(s.undo()).toBeNull();
		expect(s.present).toBe('a');
		expect(s.redo()).toBe('b');
		expect(s.redo()).toBe('c');
		expect(s.redo()).toBe('d');
		expect(s.redo()).toBeNull();
		expect(s.depth).toEqual({ undo: 3, redo: 0 });
	});

	it('an edit after Undo drops what could be redone', () => {
		const s = new UndoStack(1);
		s.record(2, e('x'), 0);
		s.record(3, e('y'), 5000);
		s.undo();
		s.record(4, e('z'), 10_000);
		expect(s.canRedo).toBe(false);
		expect(s.undo()).toBe(2);
		expect(s.undo()).toBe(1);
	});

	it('coalesces rapid edits of one field into one step, but not of different fields or slow ones', () => {
		const s = new UndoStack('');
		s.record('A', e('name', 'rename to A'), 0);
		s.record('An', e('name', 'rename to An'), 300);
		s.record('Ann', e('name', 'rename to Ann'), 1000); // 700 ms after the previous one: still the same step
		expect(s.depth.undo).toBe(1);
		expect(s.undoLabel).toBe('rename to Ann');
		s.record('Ann!', e('name'), 1000 + 800); // 800 ms later: a step of its own
		s.record('Ann!?', e('seed'), 1900); // another field
		expect(s.depth.undo).toBe(3);
		expect(s.undo()).toBe('Ann!');
		expect(s.undo()).toBe('Ann');
		expect(s.undo()).toBe('');
	});

	it('a redone step does not swallow the next edit of the same field', () => {
		const s = new UndoStack(0);
		s.record(1, e('k'), 0);
		s.undo();
		s.redo();
		s.record(2, e('k'), 1);
		expect(s.depth.undo).toBe(2);
		expect(s.undo()).toBe(1);
	});

	it('keeps only the last `limit` steps', () => {
		const s = new UndoStack(0, 3);
		for (let i = 1; i <= 5; i++) s.record(i, e(`f${i}`), i * 10_000);
		expect(s.depth.undo).toBe(3);
		expect([s.undo(), s.undo(), s.undo(), s.undo()]).toEqual([4, 3, 2, null]);
	});

	it('absorb replaces the present without a step; reset forgets everything', () => {
		const s = new UndoStack('a');
		s.record('b', e('x'), 0);
		s.absorb('b2');
		expect(s.present).toBe('b2');
		expect(s.depth.undo).toBe(1);
		expect(s.undo()).toBe('a');
		expect(s.redo()).toBe('b2');
		s.reset('z');
		expect([s.present, s.canUndo, s.canRedo]).toEqual(['z', false, false]);
	});
});
