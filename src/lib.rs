//! tba-assist's Wasm: the service worker's brain and the side panel's UI.
//!
//! Nothing here decides anything: `tba-core` does. This crate only moves values between the
//! browser's APIs and the core (the Bitwarden SDK's rule: the Wasm crate holds no logic).

mod chrome;
mod panel;
mod worker;

pub use panel::panel_start;
pub use worker::{
    worker_alarm, worker_handle_message, worker_start, worker_tab_closed, worker_tab_updated,
};
