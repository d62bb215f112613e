//! Domain types: what the store returns and the use cases accept. Serializable and exported to TypeScript.
mod activity;
mod company;
mod contact;
mod dashboard;
mod deal;
mod entity;
mod lead;
mod page;
mod pipeline;
mod search;
mod stats;
mod task;

pub use activity::{RecordRef, TimelineItem};
pub use company::{Company, CompanyInput, CompanyRow};
pub use contact::{ContactDetail, ContactInput, ContactPoint, ContactRow, LeadSource, LeadStatus, Lifecycle};
pub use dashboard::{Dashboard, KindCount, MonthTotal, StageTotal};
pub use deal::{Deal, DealInput, DealMove, DealMoved, DealStatus};
pub use entity::Entity;
pub use lead::{LeadConversion, LeadConverted};
pub use page::{Page, PageQuery};
pub use pipeline::{Pipeline, Stage, StageKind};
pub use search::SearchHit;
pub use stats::Stats;
pub use task::{Task, TaskBucket, TaskCompleted, TaskInput};
