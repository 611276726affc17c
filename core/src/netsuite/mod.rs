//! NetSuite: accounts and the pages of the TBA set-up.
pub mod account;
