/**
 * Column names are data, never keys a lookup may inherit: a column called `constructor`, `toString` or `__proto__`
 * must index its own settings, not Object.prototype's members. Records keyed by a column name (a Recipe's
 * columnTypes and prep.columns) stay plain JSON for files, links and worker messages, but are built with a null
 * prototype (Object.create(null)), read only through own(), and changed only by building a new record (withEntry):
 * assigning `record['__proto__'] = …` on an ordinary object would set its prototype instead of storing a value.
 * Everything else that a name indexes uses a Map.
 */

/** The value a record holds under `name` itself, or undefined (never one inherited from a prototype). */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, name: string): T | undefined {
	return record != null && Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

/** A record with no prototype, holding the given entries (later ones win). */
export function nameRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
	const out = Object.create(null) as Record<string, T>;
	for (const [name, value] of entries) define(out, name, value);
	return out;
}

/** The record's own entries, in insertion order. */
export function entriesOf<T>(record: Readonly<Record<string, T>> | null | undefined): [string, T][] {
	if (record == null) return [];
	return Object.keys(record).map((k) => [k, record[k]]);
}

/** A copy of `record` (no prototype) with `name` set to `value`, or removed when value is undefined. */
export function withEntry<T>(record: Readonly<Record<string, T>> | null | undefined, name: string, value: NoInfer<T> | undefined): Record<string, T> {
	const out = nameRecord(entriesOf(record).filter(([k]) => k !== name));
	if (value !== undefined) define(out, name, value);
	return out;
}

function define<T>(out: Record<string, T>, name: string, value: T): void {
	Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Every property name of Object.prototype and Function.prototype: column names tests must survive. */
export const PROTOTYPE_NAMES: readonly string[] = [
	...new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype)])
];
