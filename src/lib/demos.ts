/** The datasets behind "Try the demo data": shipped in static/demo, credited where they come from elsewhere. */
export interface Demo {
	id: string;
	label: string;
	file: string;
	description: string;
	credit: string | null;
}

export const DEMOS: Demo[] = [
	{
		id: 'customers',
		label: 'Synthetic customers (5,000 rows)',
		file: 'demo/customers.csv',
		description: 'Purchases, order value, recency, email engagement, breadth, support tickets and tenure for 5,000 made-up customers with six planted segments.',
		credit: null
	},
	{
		id: 'wholesale',
		label: 'Wholesale customers (UCI, 440 rows)',
		file: 'demo/wholesale.csv',
		description: 'Annual spending per product category of a Portuguese wholesale distributor’s clients. Channel 1 = Horeca, 2 = Retail.',
		credit: 'Margarida G. M. S. Cardoso (2014). Wholesale customers. UCI Machine Learning Repository. CC BY 4.0.'
	},
	{
		id: 'retail',
		label: 'Online retail transactions (UCI, 30,000 rows)',
		file: 'demo/online_retail_sample30k.csv',
		description: 'A random sample of invoice lines from a UK gift-ware retailer, 2010–2011: raw transactions, one row per line.',
		credit: 'Daqing Chen (2015). Online Retail. UCI Machine Learning Repository. CC BY 4.0.'
	}
];
