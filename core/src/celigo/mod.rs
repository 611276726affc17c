//! Celigo integrator.io: hosts and the NetSuite connection form.
pub mod region;
