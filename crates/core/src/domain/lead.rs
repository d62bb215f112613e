use serde::{Deserialize, Serialize};
use specta::Type;

use super::{Company, ContactDetail, Deal, DealInput};

/// Turn a lead into a contact at a company, optionally with a deal, in one step.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct LeadConversion {
    pub contact_id: i64,
    /// Link to this company. When absent: the lead's company is found by email domain or name, or created.
    pub company_id: Option<i64>,
    /// Also open a deal (contact and company are filled in).
    pub deal: Option<DealInput>,
    /// Custom values for the company, used only when the conversion creates one (its required fields must be
    /// filled then). Errors name the field `company.custom.<key>`; the deal's name `deal.custom.<key>`.
    #[serde(default)]
    pub company_custom: super::CustomValues,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct LeadConverted {
    pub contact: ContactDetail,
    pub company: Option<Company>,
    pub company_created: bool,
    pub deal: Option<Deal>,
}
