//! HTTP tests against the real router, on the database the environment selects.

mod bad_input;
mod identity;
mod org;
mod pages;
mod security;
