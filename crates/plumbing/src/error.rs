//! The one classification every stage error gets at the boundary: it decides
//! between "retry until it works" and "dead-letter and move on".

/// Whether retrying can help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The input itself is wrong: dead-letter it, then move on.
    Permanent,
    /// The world is wrong for now (database or broker down, timeouts,
    /// serialization conflicts): pause, retry with backoff, never dead-letter.
    Transient,
}

/// An error from processing one message, classified.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{kind}: {reason}")]
pub struct StageError {
    pub class: ErrorClass,
    /// Short stable name, used as a metric label and a dead-letter header.
    pub kind: &'static str,
    /// Human-readable detail for the dead letter and the log.
    pub reason: String,
}

impl StageError {
    pub fn permanent(kind: &'static str, reason: impl Into<String>) -> Self {
        StageError {
            class: ErrorClass::Permanent,
            kind,
            reason: reason.into(),
        }
    }

    pub fn transient(kind: &'static str, reason: impl Into<String>) -> Self {
        StageError {
            class: ErrorClass::Transient,
            kind,
            reason: reason.into(),
        }
    }

    pub fn is_transient(&self) -> bool {
        self.class == ErrorClass::Transient
    }
}

/// Classifies a database error. Connection trouble, timeouts, serialization
/// failures and deadlocks are transient; a constraint or data error caused by
/// the row itself is permanent.
pub fn classify_sqlx(err: &sqlx::Error) -> StageError {
    use sqlx::Error as E;
    match err {
        E::Io(_)
        | E::PoolTimedOut
        | E::PoolClosed
        | E::Tls(_)
        | E::Protocol(_)
        | E::WorkerCrashed => StageError::transient("database_unavailable", err.to_string()),
        E::Database(db) => {
            let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
            // Class 08 connection, 40 transaction rollback (serialization,
            // deadlock), 53 insufficient resources, 57 operator intervention
            // (admin shutdown, cannot connect now), 58 system error.
            if ["08", "40", "53", "57", "58"]
                .iter()
                .any(|p| code.starts_with(p))
            {
                StageError::transient("database_unavailable", format!("{code}: {db}"))
            } else {
                StageError::permanent("database_rejected", format!("{code}: {db}"))
            }
        }
        _ => StageError::permanent("database_rejected", err.to_string()),
    }
}
