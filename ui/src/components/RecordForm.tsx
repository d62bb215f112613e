import type { FormEvent, ReactNode, Ref } from "react";
import type { CustomField } from "../bindings";
import { CustomFieldInputs } from "./CustomFieldInputs";
import type { CustomFormValue, CustomFormValues } from "./customValues";
import { FormActions } from "./FormActions";
import { FormError } from "./FormError";
import type { FormErrors } from "./formErrors";

type Props = {
	formRef: Ref<HTMLFormElement>;
	testId: string;
	onSubmit: (e: FormEvent) => void;
	errors: FormErrors;
	/** The record type's custom fields, after the form's own. */
	custom: {
		fields: CustomField[];
		values: CustomFormValues;
		onChange: (key: string, value: CustomFormValue) => void;
	};
	onCancel: () => void;
	/** The submit button's test id and label; it shows a spinner while `pending`. */
	submit: { testId: string; label: ReactNode };
	pending: boolean;
	children: ReactNode;
};

/** A record's form: an error above, its own fields, its custom fields, then Cancel and save. */
export function RecordForm({
	formRef,
	testId,
	onSubmit,
	errors,
	custom,
	onCancel,
	submit,
	pending,
	children,
}: Props) {
	return (
		<form ref={formRef} className="form" onSubmit={onSubmit} noValidate data-testid={testId}>
			<FormError message={errors.form} testId="form-error" />
			{children}
			<CustomFieldInputs
				fields={custom.fields}
				values={custom.values}
				errors={errors.fields}
				onChange={custom.onChange}
			/>
			<FormActions
				onCancel={onCancel}
				testId={submit.testId}
				pending={pending}
				pendingLabel="Saving"
			>
				{submit.label}
			</FormActions>
		</form>
	);
}
