//! The errors a use case can end in.
//!
//! Each error has a stable snake_case code that clients may rely on and that is also the key
//! of its translated message (`err-<code>`). The web layer turns an error into a status and a
//! body in exactly one place.

use guildhall_domain::{Problem, Problems};
use guildhall_store::DbErr;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Clone, Debug, thiserror::Error)]
pub enum Error {
    /// The input breaks one or more rules; nothing was changed.
    #[error("invalid input: {0}")]
    Invalid(Problems),
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("authentication required")]
    Unauthenticated,
    /// The request conflicts with the current state (a duplicate, a move the state does not
    /// allow).
    #[error("conflict: {0}")]
    Conflict(Problem),
    /// A rule refuses the request for this person now (not confirmed, locked, closed).
    #[error("refused: {0}")]
    Refused(Problem),
    #[error("too many attempts")]
    RateLimited { retry_after_secs: u64 },
    /// The database cannot be reached; the request may be retried.
    #[error("service unavailable")]
    Unavailable,
    /// The disk the database or the files are on is full, or cannot be written; nothing was
    /// changed, and the request may be retried once an operator has made room.
    #[error("storage full or read-only")]
    StorageFull,
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "validation_failed",
            Error::NotFound => "not_found",
            Error::Forbidden => "forbidden",
            Error::Unauthenticated => "unauthenticated",
            Error::Conflict(p) | Error::Refused(p) => p.code,
            Error::RateLimited { .. } => "too_many_attempts",
            Error::Unavailable => "service_unavailable",
            Error::StorageFull => "storage_full",
            Error::Internal(_) => "internal_error",
        }
    }

    pub fn conflict(code: &'static str) -> Self {
        Error::Conflict(Problem::new(code))
    }

    pub fn refused(code: &'static str) -> Self {
        Error::Refused(Problem::new(code))
    }

    pub fn invalid_field(field: &str, code: &'static str) -> Self {
        Error::Invalid(Problems::single(field, Problem::new(code)))
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Conflict(p) | Error::Refused(p) => Some(p),
            _ => None,
        }
    }
}

impl From<Problems> for Error {
    fn from(p: Problems) -> Self {
        Error::Invalid(p)
    }
}

impl Error {
    /// A failed file write: a full or read-only disk is said so; anything else is internal.
    pub fn from_io(what: &str, e: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::StorageFull
            | ErrorKind::ReadOnlyFilesystem
            | ErrorKind::PermissionDenied => {
                tracing::error!(error = %e, "{what}: the data folder cannot be written");
                Error::StorageFull
            }
            _ => Error::Internal(format!("{what}: {e}")),
        }
    }
}

impl From<DbErr> for Error {
    fn from(e: DbErr) -> Self {
        if guildhall_store::is_storage_fault(&e) {
            tracing::error!(error = %e, "the database's storage is full or cannot be written");
            Error::StorageFull
        } else if guildhall_store::is_unavailable(&e) {
            tracing::warn!(error = %e, "database unavailable");
            Error::Unavailable
        } else {
            tracing::error!(error = %e, "database error");
            Error::Internal(e.to_string())
        }
    }
}
