//! Which integrator.io region a host belongs to.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// `integrator.io`
    Us,
    /// `eu.integrator.io`
    Eu,
}
