import { useEffect, useRef, useState } from "react";
import type { CustomFormValue, CustomFormValues } from "./customValues";
import { type FormErrors, focusField, useFormErrors } from "./formErrors";

/**
 * A record form's state: its values (custom ones included), the core's errors at their fields, and the
 * caret: in the first control (`first`) on open, in the failed one after an error.
 */
export function useRecordForm<V extends { custom: CustomFormValues }>(initial: () => V) {
	const [values, setValues] = useState<V>(initial);
	const { errors, setErrors, clear, reset } = useFormErrors();
	const form = useRef<HTMLFormElement>(null);
	const first = useRef<HTMLInputElement>(null);

	useEffect(() => first.current?.focus(), []);

	/** Sets a value and clears the error of the core's field it feeds (by default, the same name). */
	const set = <K extends keyof V>(key: K, value: V[K], field: string = String(key)) => {
		setValues((v) => ({ ...v, [key]: value }));
		clear(field);
	};
	const setCustom = (key: string, value: CustomFormValue) => {
		setValues((v) => ({ ...v, custom: { ...v.custom, [key]: value } }));
		clear(`custom.${key}`);
	};
	/** Shows errors; after React shows them, the caret goes to the control described. */
	const show = (next: FormErrors) => {
		setErrors(next);
		requestAnimationFrame(() => focusField(form.current, next));
	};

	return { values, errors, set, setCustom, show, reset, form, first };
}
