import { useRef, useState } from "react";
import { errorMessage, IpcError } from "../ipc/unwrap";
import { isCustomFieldError } from "./customValues";

/** Errors a record form shows: at a field (by the core's field name, `custom.<key>` included) or above it. */
export type FormErrors = { fields: Record<string, string | undefined>; form: string | null };

export const noFormErrors: FormErrors = { fields: {}, form: null };

/** Where a failed save's message goes: at its field when the form shows that field, else above the form. */
export function formErrorsFrom(err: unknown, known: readonly string[]): FormErrors {
	const field = err instanceof IpcError ? err.field : null;
	if (field && (known.includes(field) || isCustomFieldError(field))) {
		return { fields: { [field]: errorMessage(err) }, form: null };
	}
	return { fields: {}, form: errorMessage(err) };
}

/** Puts the caret in the control the core complained about (its `name` is the core's field name). */
export function focusField(form: HTMLFormElement | null, errors: FormErrors) {
	const [field] = Object.keys(errors.fields);
	if (!form || !field) return;
	// Field names are the core's: letters, digits, "_" and ".", safe inside a quoted attribute selector.
	form.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
}

/**
 * A form's errors: `clear` one field's as its control changes, `reset` all before a save, `show` a failed
 * save's, with the caret in the control named (give the form `form` as its ref).
 */
export function useFormErrors() {
	const [errors, setErrors] = useState<FormErrors>(noFormErrors);
	const form = useRef<HTMLFormElement>(null);
	const clear = (field: string) =>
		setErrors((e) => ({ ...e, fields: { ...e.fields, [field]: undefined } }));
	const reset = () => setErrors(noFormErrors);
	const show = (next: FormErrors) => {
		setErrors(next);
		focusField(form.current, next);
	};
	return { errors, setErrors, clear, reset, show, form };
}
