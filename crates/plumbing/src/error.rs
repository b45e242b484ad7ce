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

/// Classifies a database error. Transient, as an outage to wait out: the
/// connection, timeouts, serialization failures and deadlocks, and every
/// error the row cannot have caused: a missing table or column, a missing
/// privilege, a read-only server, a failed login, a missing database or
/// schema (`database_misconfigured`, alerted on, never a dead letter). The
/// rest, the row's own data or constraint errors (classes 22, 23, 54…),
/// are permanent: that row is dead-lettered and the others go on.
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
            let class = code.get(..2).unwrap_or_default();
            match class {
                // 08 connection, 40 transaction rollback (serialization,
                // deadlock), 53 insufficient resources, 55 object not in
                // prerequisite state (lock not available), 57 operator
                // intervention (admin shutdown, cannot connect now), 58
                // system error, XX internal error.
                "08" | "40" | "53" | "55" | "57" | "58" | "XX" => {
                    StageError::transient("database_unavailable", format!("{code}: {db}"))
                }
                // 42 undefined table/column/function, insufficient privilege;
                // 25 read-only transaction (a standby); 28 authorization;
                // 3D no such database; 3F no such schema.
                "42" | "25" | "28" | "3D" | "3F" => {
                    StageError::transient("database_misconfigured", format!("{code}: {db}"))
                }
                _ => StageError::permanent("database_rejected", format!("{code}: {db}")),
            }
        }
        _ => StageError::permanent("database_rejected", err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server error with the given SQLSTATE, as sqlx reports it.
    #[derive(Debug)]
    struct Sqlstate(&'static str);

    impl std::fmt::Display for Sqlstate {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "error {}", self.0)
        }
    }

    impl std::error::Error for Sqlstate {}

    impl sqlx::error::DatabaseError for Sqlstate {
        fn message(&self) -> &str {
            "server error"
        }
        fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
            Some(self.0.into())
        }
        fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> sqlx::error::ErrorKind {
            sqlx::error::ErrorKind::Other
        }
    }

    fn classify(code: &'static str) -> StageError {
        classify_sqlx(&sqlx::Error::Database(Box::new(Sqlstate(code))))
    }

    #[test]
    fn what_the_row_cannot_cause_is_an_outage() {
        for code in [
            "42P01", "42703", "42501", "25006", "28P01", "3D000", "3F000",
        ] {
            let e = classify(code);
            assert!(e.is_transient(), "{code}");
            assert_eq!(e.kind, "database_misconfigured", "{code}");
        }
        for code in [
            "08006", "40001", "40P01", "53300", "55P03", "57P01", "58030", "XX000",
        ] {
            let e = classify(code);
            assert!(e.is_transient(), "{code}");
            assert_eq!(e.kind, "database_unavailable", "{code}");
        }
    }

    #[test]
    fn what_the_row_causes_is_permanent() {
        for code in ["22001", "22P05", "23505", "23514", "54000"] {
            let e = classify(code);
            assert!(!e.is_transient(), "{code}");
            assert_eq!(e.kind, "database_rejected", "{code}");
        }
    }
}
