const formatters = new Map<string, Intl.NumberFormat>();

/**
 * The locale numbers are shown in: the user's, when the webview reports a usable one.
 * Under some environments (Xvfb, a bare `LANG=C`) `navigator.language` is "c" or missing,
 * and formatting with the engine default then drops digit grouping ("$ 2495800").
 */
export function displayLocale(): string {
	const lang = typeof navigator === "undefined" ? undefined : navigator.language;
	if (!lang) return "en-US";
	try {
		const [supported] = Intl.NumberFormat.supportedLocalesOf([lang]);
		// "und" and the C/POSIX locale say nothing about how people here write numbers.
		if (!supported || /^(c|posix|und)\b/i.test(supported)) return "en-US";
		return supported;
	} catch {
		// A malformed tag throws a RangeError.
		return "en-US";
	}
}

function formatter(locale: string, currency: string | null): Intl.NumberFormat {
	const key = `${locale}|${currency ?? ""}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.NumberFormat(
			locale,
			currency === null
				? { maximumFractionDigits: 0 }
				: { style: "currency", currency, maximumFractionDigits: 0 },
		);
		formatters.set(key, f);
	}
	return f;
}

/** Whole-unit currency text for cents, e.g. 1234500 USD → "$12,345". */
export function formatMoney(cents: number, currency: string): string {
	const locale = displayLocale();
	try {
		return formatter(locale, currency).format(cents / 100);
	} catch {
		// An unknown currency code still shows the amount, with the code beside it.
		return `${formatter(locale, null).format(cents / 100)} ${currency}`;
	}
}

type Amount = { value_cents: number; currency: string };

/** Sums per currency, since amounts in different currencies cannot be added. */
export function formatTotals(items: Amount[]): string {
	if (items.length === 0) return formatMoney(0, "USD");
	const sums = new Map<string, number>();
	for (const { value_cents, currency } of items)
		sums.set(currency, (sums.get(currency) ?? 0) + value_cents);
	return [...sums].map(([currency, cents]) => formatMoney(cents, currency)).join(" + ");
}

/** Value × probability, summed per currency: what the column is likely worth. */
export function formatWeightedTotals(items: (Amount & { probability: number })[]): string {
	return formatTotals(
		items.map((d) => ({
			value_cents: Math.round((d.value_cents * d.probability) / 100),
			currency: d.currency,
		})),
	);
}
