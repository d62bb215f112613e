/** A message above a form, for an error that belongs to no one field; nothing when there is none. */
export function FormError({ message, testId }: { message: string | null; testId?: string }) {
	if (!message) return null;
	return (
		<p className="form-error" role="alert" data-testid={testId}>
			{message}
		</p>
	);
}
