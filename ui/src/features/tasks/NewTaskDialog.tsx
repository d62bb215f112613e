import { type FormEvent, useState } from "react";
import { Field } from "../../components/Field";
import { FormDialog } from "../../components/FormDialog";
import { formErrorsFrom, useFormErrors } from "../../components/formErrors";
import { useToast } from "../../components/Toast";
import { useCreateTask } from "./queries";
import { kindLabels } from "./TasksView";

export const repeatPresets: { label: string; rrule: string }[] = [
	{ label: "Does not repeat", rrule: "" },
	{ label: "Daily", rrule: "FREQ=DAILY" },
	{ label: "Every weekday", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" },
	{ label: "Weekly", rrule: "FREQ=WEEKLY" },
	{ label: "Monthly", rrule: "FREQ=MONTHLY" },
];

/** The core's field names this form shows errors for. */
const taskFields = ["title", "kind", "priority", "due_at", "rrule", "notes"];

type Props = {
	onClose: () => void;
	contactId?: number | null;
	dealId?: number | null;
};

/** Local date + time inputs → an RFC 3339 instant; 09:00 when only a date is given. */
export function toInstant(date: string, time: string): string | null {
	if (!date) return null;
	const d = new Date(`${date}T${time || "09:00"}`);
	// An unparseable date goes to the core as typed, so its validation message shows.
	return Number.isNaN(d.getTime()) ? date : d.toISOString();
}

export function NewTaskDialog({ onClose, contactId = null, dealId = null }: Props) {
	const [title, setTitle] = useState("");
	const [kind, setKind] = useState("follow_up");
	const [priority, setPriority] = useState("normal");
	const [date, setDate] = useState("");
	const [time, setTime] = useState("");
	const [rrule, setRrule] = useState("");
	const [notes, setNotes] = useState("");
	const { errors, setErrors, clear, reset } = useFormErrors();
	const create = useCreateTask();
	const toast = useToast();

	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (create.isPending) return;
		reset();
		create.mutate(
			{
				title,
				kind,
				priority,
				due_at: toInstant(date, time),
				reminder_at: null,
				rrule: rrule || null,
				notes: notes.trim() || null,
				contact_id: contactId,
				company_id: null,
				deal_id: dealId,
			},
			{
				onSuccess: (task) => {
					onClose();
					toast.show({ message: `Added “${task.title}”.` });
				},
				onError: (err) => setErrors(formErrorsFrom(err, taskFields)),
			},
		);
	};

	return (
		<FormDialog
			title="New task"
			testId="task-dialog"
			onClose={onClose}
			onSubmit={submit}
			error={errors.form}
			submit={{ testId: "task-save", label: "Add task" }}
			pending={create.isPending}
		>
			<Field label="Title" name="title" error={errors.fields.title}>
				{(p) => (
					<input
						{...p}
						data-testid="task-title"
						value={title}
						placeholder="e.g. Call Ada about the renewal"
						onChange={(e) => {
							setTitle(e.target.value);
							clear("title");
						}}
						autoComplete="off"
					/>
				)}
			</Field>
			<div className="form-row">
				<Field label="Kind" name="kind" error={errors.fields.kind}>
					{(p) => (
						<select
							{...p}
							data-testid="task-kind"
							value={kind}
							onChange={(e) => setKind(e.target.value)}
						>
							{Object.entries(kindLabels).map(([value, label]) => (
								<option key={value} value={value}>
									{label}
								</option>
							))}
						</select>
					)}
				</Field>
				<Field label="Priority" name="priority" error={errors.fields.priority}>
					{(p) => (
						<select
							{...p}
							data-testid="task-priority"
							value={priority}
							onChange={(e) => setPriority(e.target.value)}
						>
							<option value="low">Low</option>
							<option value="normal">Normal</option>
							<option value="high">High</option>
							<option value="urgent">Urgent</option>
						</select>
					)}
				</Field>
			</div>
			<div className="form-row">
				<Field label="Due date" name="due_at" error={errors.fields.due_at}>
					{(p) => (
						<input
							{...p}
							type="date"
							data-testid="task-due"
							value={date}
							onChange={(e) => {
								setDate(e.target.value);
								clear("due_at");
								clear("rrule");
							}}
						/>
					)}
				</Field>
				<Field label="Time" name="due_time">
					{(p) => (
						<input
							{...p}
							type="time"
							data-testid="task-due-time"
							value={time}
							onChange={(e) => setTime(e.target.value)}
						/>
					)}
				</Field>
			</div>
			<Field label="Repeat" name="rrule" error={errors.fields.rrule}>
				{(p) => (
					<select
						{...p}
						data-testid="task-repeat"
						value={rrule}
						onChange={(e) => {
							setRrule(e.target.value);
							clear("rrule");
						}}
					>
						{repeatPresets.map((r) => (
							<option key={r.rrule} value={r.rrule}>
								{r.label}
							</option>
						))}
					</select>
				)}
			</Field>
			<Field label="Notes" name="notes" error={errors.fields.notes}>
				{(p) => (
					<textarea
						{...p}
						data-testid="task-notes"
						rows={3}
						value={notes}
						onChange={(e) => setNotes(e.target.value)}
					/>
				)}
			</Field>
		</FormDialog>
	);
}
