//! NetSuite: accounts and the pages of the TBA set-up.
pub mod account;
pub mod confirmation;
pub mod dropdown;
