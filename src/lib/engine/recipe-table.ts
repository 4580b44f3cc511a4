/**
 * The checks of a Recipe that need the table it runs on (validateRecipe checks its shape alone): every column it
 * names must be in the file, with a message naming the recipe field.
 */
import { columnNamed } from './data/column-named';
import { EngineError } from './errors';
import type { Recipe } from './recipe';
import type { Table } from './types';

export function checkRecipeColumns(table: Table, recipe: Pick<Recipe, 'idColumn'>): void {
	const id = recipe.idColumn;
	if (id !== null && id !== undefined && !columnNamed(table, id)) {
		const names = table.columns.map((c) => c.name);
		throw new EngineError(
			'recipe-mismatch',
			`The recipe's "idColumn" names "${id}", which is not a column of "${table.name}".`,
			`Choose the id column again (the file has ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}), or set "idColumn" to null.`
		);
	}
}
