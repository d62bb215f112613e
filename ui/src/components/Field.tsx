import { type ReactNode, useId } from "react";

type Props = {
	label: string;
	/** The backend's name for this field, so its validation error lands here. */
	name: string;
	error?: string | null;
	children: (props: {
		id: string;
		"aria-invalid": boolean;
		"aria-describedby"?: string;
	}) => ReactNode;
};

export function Field({ label, name, error, children }: Props) {
	const id = useId();
	const errorId = `${id}-error`;
	return (
		<div className={error ? "field field-invalid" : "field"}>
			<label htmlFor={id}>{label}</label>
			{children({ id, "aria-invalid": !!error, "aria-describedby": error ? errorId : undefined })}
			{error && (
				<p className="field-error" id={errorId} data-testid={`field-error-${name}`} role="alert">
					{error}
				</p>
			)}
		</div>
	);
}
