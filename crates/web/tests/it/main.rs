//! HTTP tests against the real router, on the database the environment selects.

mod bad_input;
mod catalog;
mod certificates;
mod compliance;
mod demo;
mod identity;
mod integrity;
mod ledger;
mod org;
mod pages;
mod properties;
mod recognitions;
mod security;
mod sessions;
