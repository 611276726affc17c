//! What a tab is in the middle of. Persisted with the session, so a worker started afresh knows
//! what was in flight and can resume it or say what became of it.

use crate::playbook::StepId;
use crate::protocol::Guide;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Waiting for a fresh look at the tab, to do `then` with it.
    Look { then: Then },
    /// A NetSuite step's data entry was sent.
    Step {
        plan_id: u32,
        step: StepId,
        /// Its last action opens another page.
        navigates: bool,
    },
    /// The confirmation page's Token ID and Secret are being read.
    Capture { plan_id: u32 },
    /// The Celigo form at `url` is being filled with the token of NetSuite account `account`.
    Fill {
        plan_id: u32,
        account: String,
        url: String,
        stage: FillStage,
    },
    /// Test connection was clicked; Celigo's answer is awaited.
    Test {
        plan_id: u32,
        account: String,
        url: String,
    },
    /// Save was clicked (the person confirmed it); Celigo's answer is awaited.
    Save {
        plan_id: u32,
        account: String,
        url: String,
    },
}

/// What a fresh look is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "then", rename_all = "snake_case")]
pub enum Then {
    /// The person pressed Do it in the side panel.
    DoIt,
    /// The person asked for a report of the page.
    Report,
    /// Redraw the page's guide (the token choice changed, or the worker started).
    Refresh,
    /// The worker started afresh while `op` was in flight.
    Resume(Box<Op>),
    /// A NetSuite page's API did not take a choice: make it with clicks in the page's list.
    Clicks,
    /// A step's plan ran: see what the page shows now. `after` is said while the page still
    /// offers the same Do it (`offered`), as the step's outcome happened out of its sight.
    After {
        after: Option<Guide>,
        offered: Option<String>,
    },
    /// The Authentication type was switched: fill the rest of the form.
    Fill { account: String, url: String },
    /// The person confirmed Save.
    Save { account: String, url: String },
}

/// Where a Celigo fill is: the secrets go one field per message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FillStage {
    AuthType,
    Fields,
    TokenId,
    TokenSecret,
}

impl Op {
    pub fn plan_id(&self) -> Option<u32> {
        match self {
            Op::Look { .. } => None,
            Op::Step { plan_id, .. }
            | Op::Capture { plan_id }
            | Op::Fill { plan_id, .. }
            | Op::Test { plan_id, .. }
            | Op::Save { plan_id, .. } => Some(*plan_id),
        }
    }

    /// Something was sent to the page and is not over: no second Do it meanwhile. A look the
    /// person asked for (Do it, report) counts; a redraw does not.
    pub fn running(&self) -> bool {
        !matches!(
            self,
            Op::Look {
                then: Then::Refresh | Then::Report
            }
        )
    }
}
