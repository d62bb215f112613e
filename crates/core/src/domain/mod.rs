//! Domain types: what the store returns and the use cases accept. Serializable and exported to TypeScript.
mod activity;
mod backup;
mod bulk;
mod company;
mod contact;
mod custom_field;
mod dashboard;
mod deal;
mod entity;
mod import;
mod inbox;
mod lead;
mod list;
mod mailbox;
mod merge;
mod outbox;
mod page;
mod pipeline;
mod saved_view;
mod score;
mod search;
mod sequence;
mod stats;
mod suppression;
mod tag;
mod task;
mod template;
mod trash;

pub use activity::{RecordRef, TimelineItem};
pub use backup::BackupInfo;
pub use bulk::{BulkChange, BulkEdit, BulkEdited};
pub use company::{Company, CompanyInput, CompanyPerson, CompanyRelated, CompanyRow};
pub use contact::{ContactDetail, ContactInput, ContactPoint, ContactRow, LeadSource, LeadStatus, Lifecycle};
pub use custom_field::{CustomField, CustomFieldInput, CustomValues, FieldEntity, FieldType};
pub use dashboard::{Dashboard, KindCount, MonthTotal, StageTotal};
pub use deal::{Deal, DealEdit, DealInput, DealMove, DealMoved, DealStatus, StageHistoryEntry};
pub use entity::Entity;
pub use import::{
    DuplicatePolicy, ExportFormat, ExportSummary, ImportColumn, ImportCounts, ImportEntity, ImportJobInfo,
    ImportMapping, ImportPreview, ImportProblem, ImportRequest, ImportSummary, ImportUndone, PreviewRow, RowAction,
};
pub use inbox::{
    AttachmentMeta, ContactMailState, EmailMessage, EmailThreadView, EngagementStop, InboxThread, MailClass,
    MailFolderInfo, MailSyncSettings, MailSyncStatus, SavedAttachment, ShownMessage, ShownThread, SyncCounts,
    SyncPhase,
};
pub use lead::{LeadConversion, LeadConverted};
pub use list::{DealRow, FieldKind, FieldOption, FilterGroup, FilterNode, FilterOp, FilterRule, ListEntity, ListField};
pub use mailbox::{
    ConnectionTest, Mailbox, MailboxInput, MailboxPreset, MailboxState, ProtocolCheck, Security, SendWindow,
};
pub use merge::{DuplicatePair, MergeRequest, MergeResult};
pub use outbox::{
    ComposePreview, OutboundMessage, OutboundStatus, Outbox, OutboxItem, OutboxRun, Queued, SendInput, SenderStatus,
};
pub use page::{Page, PageQuery};
pub use pipeline::{Pipeline, PipelineDelete, Removed, SettingsRestored, Stage, StageDelete, StageInput, StageKind};
pub use saved_view::{SavedView, SavedViewInput, ViewSort};
pub use score::{LeadScore, ScoreFactor, Temperature};
pub use search::SearchHit;
pub use sequence::{
    ConversionTarget, EnrollResult, EnrollSource, Enrollment, EnrollmentStatus, Sequence, SequenceInput, SequenceKind,
    SequenceSettings, SequenceStats, SequenceStatus, SequenceStep, SequenceSummary, SkipReason, SkippedContact,
    StepInput, StepKind, StepStats, TaskStepKind, ThreadMode, TickReport, TimezoneMode,
};
pub use stats::Stats;
pub use suppression::{Suppression, SuppressionInput, SuppressionKind, SuppressionReason};
pub use tag::{RowTag, Tag, TagDeleted, TagInput};
pub use task::{Task, TaskBucket, TaskCompleted, TaskInput};
pub use template::{
    MergeField, MergeScope, RenderContext, Rendered, Template, TemplateInput, TemplatePart, TemplatePreview,
    TemplateProblem,
};
pub use trash::{Trash, TrashItem};
