import type { CustomField, CustomFieldInput, FieldEntity, Value } from "../../bindings";
import type { Commands } from "../backend";
import { type FakeContext, notFound, validation } from "./context";

type CustomFieldCommands = Pick<
	Commands,
	| "customFieldsList"
	| "customFieldCreate"
	| "customFieldUpdate"
	| "customFieldDelete"
	| "customFieldRestore"
	| "customFieldsReorder"
>;

export type FakeCustomFields = {
	commands: CustomFieldCommands;
	/** Checks and normalizes a record's custom values like the core does; throws a field error. */
	check(entity: FieldEntity, input: { [key: string]: Value } | undefined, previous: Value): Value;
	define(input: CustomFieldInput): CustomField;
	/** Live definitions of one entity (all when null), in form order. */
	live(entity: FieldEntity | null): CustomField[];
};

export function fakeCustomFields(ctx: FakeContext): FakeCustomFields {
	const fields = new Map<number, CustomField & { deleted: boolean }>();
	const live = (entity: FieldEntity | null) =>
		[...fields.values()]
			.filter((f) => !f.deleted && (entity === null || f.entity === entity))
			.sort((a, b) => a.entity.localeCompare(b.entity) || a.position - b.position || a.id - b.id);

	function checkDefinition(input: CustomFieldInput) {
		const label = input.label.trim();
		if (!label) throw validation("label", "Give the field a name.");
		const options = [...new Set(input.options.map((o) => o.trim()).filter(Boolean))];
		const choice = input.field_type === "select" || input.field_type === "multiselect";
		if (choice && options.length === 0) throw validation("options", "List at least one choice.");
		return { label, options: choice ? options : [] };
	}

	function define(input: CustomFieldInput): CustomField {
		const { label, options } = checkDefinition(input);
		const base =
			label
				.toLowerCase()
				.replace(/[^\p{L}\p{N}]+/gu, "_")
				.replace(/^_+|_+$/g, "") || "field";
		let key = base;
		for (
			let n = 2;
			[...fields.values()].some((f) => f.entity === input.entity && f.key === key);
			n++
		) {
			key = `${base}_${n}`;
		}
		const field = {
			id: ctx.newId(),
			entity: input.entity,
			key,
			label,
			field_type: input.field_type,
			options,
			required: input.required,
			position: live(input.entity).length + 1,
			deleted: false,
		};
		fields.set(field.id, field);
		return field;
	}

	function get(id: number) {
		const f = fields.get(id);
		if (!f || f.deleted) throw notFound("custom field", id);
		return f;
	}

	function normalize(f: CustomField, value: Value | undefined): Value | null {
		if (value === undefined || value === null) return null;
		if (typeof value === "string" && value.trim() === "") return null;
		if (Array.isArray(value) && value.length === 0) return null;
		const text = typeof value === "string" ? value.trim() : JSON.stringify(value);
		const choice = (s: string) => {
			const found = f.options.find((o) => o.toLowerCase() === s.toLowerCase());
			if (!found)
				throw validation(
					`custom.${f.key}`,
					`“${s}” is not one of the choices for ${f.label}: ${f.options.join(", ")}.`,
				);
			return found;
		};
		switch (f.field_type) {
			case "text":
				return text;
			case "number": {
				const n = typeof value === "number" ? value : Number(text.replace(/\s/g, ""));
				if (!Number.isFinite(n))
					throw validation(`custom.${f.key}`, `${f.label} must be a number; “${text}” is not one.`);
				return n;
			}
			case "date":
				if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text)))
					throw validation(
						`custom.${f.key}`,
						`${f.label} must be a date (YYYY-MM-DD); “${text}” is not one.`,
					);
				return text;
			case "bool":
				if (typeof value === "boolean") return value;
				if (["true", "yes", "1"].includes(text.toLowerCase())) return true;
				if (["false", "no", "0"].includes(text.toLowerCase())) return false;
				throw validation(`custom.${f.key}`, `${f.label} must be yes or no; “${text}” is neither.`);
			case "select":
				return choice(text);
			case "multiselect": {
				const items = Array.isArray(value) ? value.map(String) : text.split(",");
				const chosen = [
					...new Set(
						items
							.map((s) => s.trim())
							.filter(Boolean)
							.map(choice),
					),
				];
				return chosen.length === 0 ? null : chosen;
			}
		}
	}

	function check(
		entity: FieldEntity,
		input: { [key: string]: Value } | undefined,
		previous: Value,
	): Value {
		const out: { [key: string]: Value } = {
			...(previous && typeof previous === "object" && !Array.isArray(previous) ? previous : {}),
		};
		for (const f of live(entity)) {
			const v = normalize(f, input?.[f.key]);
			if (v === null) {
				if (f.required) throw validation(`custom.${f.key}`, `${f.label} is required.`);
				delete out[f.key];
			} else out[f.key] = v;
		}
		return out;
	}

	const commands: CustomFieldCommands = {
		customFieldsList: (entity) => ctx.run(() => live(entity)),
		customFieldCreate: (input) =>
			ctx.run(() => {
				const f = define(input);
				ctx.changed("settings", [f.id]);
				return f;
			}),
		customFieldUpdate: (id, input) =>
			ctx.run(() => {
				const f = get(id);
				if (f.field_type !== input.field_type || f.entity !== input.entity)
					throw validation(
						"field_type",
						"A field's type can't change once created; add a new field instead.",
					);
				Object.assign(f, checkDefinition(input), { required: input.required });
				ctx.changed("settings", [id]);
				return f;
			}),
		customFieldDelete: (id) =>
			ctx.run(() => {
				get(id).deleted = true;
				ctx.changed("settings", [id]);
				return null;
			}),
		customFieldRestore: (id) =>
			ctx.run(() => {
				const f = fields.get(id);
				if (!f) throw notFound("custom field", id);
				f.deleted = false;
				ctx.changed("settings", [id]);
				return null;
			}),
		customFieldsReorder: (ids) =>
			ctx.run(() => {
				ids.forEach((id, i) => {
					get(id).position = i + 1;
				});
				ctx.changed("settings", ids);
				return null;
			}),
	};
	return { commands, check, define, live };
}
