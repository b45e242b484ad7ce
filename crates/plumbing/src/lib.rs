//! Plumbing shared by wirefeed's services: configuration, telemetry,
//! Kafka clients, the consume-process-acknowledge loop, the database pool and
//! shutdown. Service logic lives in the service crates.

pub mod app;
pub mod batch;
pub mod clusters;
pub mod db;
pub mod envelope;
pub mod error;
pub mod events;
pub mod health;
pub mod http;
pub mod kafka;
pub mod metrics;
pub mod settings;
pub mod shutdown;
pub mod stage;

pub use error::{ErrorClass, StageError};
pub use metrics::Metrics;
pub use settings::Settings;
pub use shutdown::Shutdown;
