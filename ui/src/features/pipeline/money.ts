const formatters = new Map<string, Intl.NumberFormat>();

/** Whole-unit currency text for cents, e.g. 1234500 USD → "$12,345". */
export function formatMoney(cents: number, currency: string): string {
	let f = formatters.get(currency);
	if (!f) {
		try {
			f = new Intl.NumberFormat(undefined, {
				style: "currency",
				currency,
				maximumFractionDigits: 0,
			});
		} catch {
			// An unknown currency code still shows the amount, with the code beside it.
			f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
			return `${f.format(cents / 100)} ${currency}`;
		}
		formatters.set(currency, f);
	}
	return f.format(cents / 100);
}

/** Sums per currency, since amounts in different currencies cannot be added. */
export function formatTotals(items: { value_cents: number; currency: string }[]): string {
	if (items.length === 0) return formatMoney(0, "USD");
	const sums = new Map<string, number>();
	for (const { value_cents, currency } of items)
		sums.set(currency, (sums.get(currency) ?? 0) + value_cents);
	return [...sums].map(([currency, cents]) => formatMoney(cents, currency)).join(" + ");
}
