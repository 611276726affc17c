//! tba-core: everything tba-assist knows, with no browser in it.
//!
//! The service worker and the side panel (crate `tba-assist`, compiled to Wasm) are thin layers
//! over this crate; the executor injected into NetSuite and Celigo pages only runs the plans made
//! here. Keeping it free of `web-sys` lets every rule be tested natively, in seconds.

pub mod assistant;
pub mod celigo;
pub mod fixtures;
pub mod flow;
pub mod locator;
pub mod netsuite;
pub mod origin;
pub mod playbook;
pub mod protocol;
pub mod recognize;
pub mod report;
pub mod sensitive;
pub mod session;
pub mod token;
pub mod vault;
pub mod words;
