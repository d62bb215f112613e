import { ActionButton, type ActionButtonProps } from "./ActionButton";

/** A small button with an icon before its label, for a record's or a row's actions. */
export function SmallButton(
	props: Omit<ActionButtonProps, "small" | "primary"> & { testId: string },
) {
	return <ActionButton {...props} small />;
}
