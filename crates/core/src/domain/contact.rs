use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    Lead,
    #[default]
    Contact,
    Customer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    New,
    Contacted,
    Engaged,
    Qualified,
    Disqualified,
    Nurturing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LeadSource {
    Website,
    Referral,
    ColdCall,
    ColdEmail,
    Event,
    Social,
    Partner,
    Import,
    Other,
}

macro_rules! text_enum {
    ($ty:ty { $($variant:ident = $text:literal),+ $(,)? }) => {
        impl $ty {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(Lifecycle { Lead = "lead", Contact = "contact", Customer = "customer" });
text_enum!(LeadStatus {
    New = "new", Contacted = "contacted", Engaged = "engaged", Qualified = "qualified",
    Disqualified = "disqualified", Nurturing = "nurturing",
});
text_enum!(LeadSource {
    Website = "website", Referral = "referral", ColdCall = "cold_call", ColdEmail = "cold_email",
    Event = "event", Social = "social", Partner = "partner", Import = "import", Other = "other",
});

/// One row of the contacts list.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ContactRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub title: Option<String>,
    pub company_id: Option<i64>,
    /// The linked company's name, or the free-text company of an unlinked lead.
    pub company_name: Option<String>,
    pub lifecycle: Lifecycle,
    pub lead_status: Option<LeadStatus>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub updated_at: String,
    /// Custom field values by key.
    pub custom: serde_json::Value,
    pub lead_source: Option<LeadSource>,
    /// 0–100, absent until the contact is first scored.
    pub score: Option<i64>,
    pub score_grade: Option<String>,
    pub temperature: Option<super::Temperature>,
    pub tags: Vec<super::RowTag>,
    pub created_at: String,
    pub last_activity_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ContactPoint {
    pub id: i64,
    pub value: String,
    pub label: Option<String>,
    pub is_primary: bool,
}

/// A contact with everything its detail page shows.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ContactDetail {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub title: Option<String>,
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub lifecycle: Lifecycle,
    pub lead_status: Option<LeadStatus>,
    pub lead_source: Option<LeadSource>,
    pub emails: Vec<ContactPoint>,
    pub phones: Vec<ContactPoint>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub linkedin: Option<String>,
    pub score: Option<i64>,
    /// The score with its grade, temperature and factor breakdown (absent until first scored).
    pub score_detail: Option<super::LeadScore>,
    pub bounced_at: Option<String>,
    pub unsubscribed_at: Option<String>,
    pub custom: serde_json::Value,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// What a create or edit form sends. Emails and phones: the first is the primary.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct ContactInput {
    pub first_name: String,
    pub last_name: String,
    pub title: Option<String>,
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub lifecycle: Option<Lifecycle>,
    pub lead_status: Option<LeadStatus>,
    pub lead_source: Option<LeadSource>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub linkedin: Option<String>,
    /// Custom field values by key; checked against the definitions in Settings.
    #[serde(default)]
    pub custom: super::CustomValues,
}
