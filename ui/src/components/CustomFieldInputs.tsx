import { useId } from "react";
import type { CustomField } from "../bindings";
import {
	type CustomErrors,
	type CustomFormValue,
	type CustomFormValues,
	customFieldName,
} from "./customValues";
import { Field } from "./Field";
import "./records.css";

type Props = {
	fields: CustomField[];
	values: CustomFormValues;
	/** The core's field errors, keyed `custom.<key>`. */
	errors: CustomErrors;
	onChange: (key: string, value: CustomFormValue) => void;
	/** Where one form holds two records' fields (converting a lead: company and deal): names become
	 * `<prefix>.custom.<key>` and test ids `<prefix>-custom-<key>`, as the core names its errors. */
	prefix?: string;
};

/**
 * A record form's custom fields, each with the input its type needs. Values go to the core as typed:
 * it checks them and its message lands at the field. Each control is named `custom.<key>`, so a form
 * can focus the one the core complained about.
 */
export function CustomFieldInputs({ fields, values, errors, onChange, prefix }: Props) {
	if (fields.length === 0) return null;
	return (
		<div
			className="custom-fields"
			data-testid={prefix ? `${prefix}-custom-fields` : "custom-fields"}
		>
			{fields.map((f) => (
				<CustomFieldInput
					key={f.id}
					field={f}
					prefix={prefix}
					value={values[f.key] ?? null}
					error={errors[prefixed(prefix, customFieldName(f.key))]}
					onChange={(v) => onChange(f.key, v)}
				/>
			))}
		</div>
	);
}

const prefixed = (prefix: string | undefined, name: string) =>
	prefix ? `${prefix}.${name}` : name;

function CustomFieldInput({
	field: f,
	prefix,
	value,
	error,
	onChange,
}: {
	field: CustomField;
	prefix: string | undefined;
	value: CustomFormValue;
	error: string | undefined;
	onChange: (value: CustomFormValue) => void;
}) {
	const name = prefixed(prefix, customFieldName(f.key));
	const label = f.required ? `${f.label} *` : f.label;
	const text = typeof value === "string" ? value : "";
	const common = {
		name,
		"data-testid": prefix ? `${prefix}-custom-${f.key}` : `custom-${f.key}`,
		"aria-required": f.required || undefined,
	};
	if (f.field_type === "multiselect") {
		return (
			<MultiChoice
				label={label}
				name={name}
				testId={common["data-testid"]}
				options={f.options}
				value={Array.isArray(value) ? value : []}
				error={error}
				onChange={onChange}
			/>
		);
	}
	return (
		<Field label={label} name={name} error={error}>
			{(p) => {
				switch (f.field_type) {
					case "select":
						return (
							<select {...p} {...common} value={text} onChange={(e) => onChange(e.target.value)}>
								<option value="">—</option>
								{/* A stored value no longer among the choices still shows, so an edit keeps it. */}
								{text && !f.options.includes(text) && <option value={text}>{text}</option>}
								{f.options.map((o) => (
									<option key={o} value={o}>
										{o}
									</option>
								))}
							</select>
						);
					case "bool":
						return (
							<select
								{...p}
								{...common}
								value={value === true ? "yes" : value === false ? "no" : ""}
								onChange={(e) => onChange(e.target.value === "" ? null : e.target.value === "yes")}
							>
								<option value="">—</option>
								<option value="yes">Yes</option>
								<option value="no">No</option>
							</select>
						);
					case "date":
						return (
							<input
								{...p}
								{...common}
								type="date"
								value={text}
								onChange={(e) => onChange(e.target.value)}
							/>
						);
					case "number":
						// Text, not type="number": what was typed reaches the core, which says what is wrong with it.
						return (
							<input
								{...p}
								{...common}
								inputMode="decimal"
								autoComplete="off"
								value={text}
								onChange={(e) => onChange(e.target.value)}
							/>
						);
					default:
						return (
							<input
								{...p}
								{...common}
								autoComplete="off"
								value={text}
								onChange={(e) => onChange(e.target.value)}
							/>
						);
				}
			}}
		</Field>
	);
}

function MultiChoice({
	label,
	name,
	testId,
	options,
	value,
	error,
	onChange,
}: {
	label: string;
	name: string;
	testId: string;
	options: string[];
	value: string[];
	error: string | undefined;
	onChange: (value: string[]) => void;
}) {
	const id = useId();
	const errorId = `${id}-error`;
	// Stored choices that were since removed from the field stay visible and can be unticked.
	const all = [...options, ...value.filter((v) => !options.includes(v))];
	return (
		<fieldset
			className={error ? "field field-invalid field-choices" : "field field-choices"}
			data-testid={testId}
			aria-describedby={error ? errorId : undefined}
		>
			<legend>{label}</legend>
			<div className="choices">
				{all.map((o, i) => (
					<label key={o} className="choice">
						<input
							type="checkbox"
							// The first box carries the name, so a form can focus the field on an error.
							name={i === 0 ? name : undefined}
							checked={value.includes(o)}
							onChange={(e) =>
								onChange(e.target.checked ? [...value, o] : value.filter((v) => v !== o))
							}
						/>
						{o}
					</label>
				))}
			</div>
			{error && (
				<p className="field-error" id={errorId} data-testid={`field-error-${name}`} role="alert">
					{error}
				</p>
			)}
		</fieldset>
	);
}
