//! The operations endpoint of every service: `/metrics`, `/health/live`,
//! `/health/ready`.

use std::net::SocketAddr;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;

use crate::health::Health;
use crate::{Metrics, Shutdown};

#[derive(Clone)]
struct AppState {
    metrics: Metrics,
    health: Health,
}

/// A bound (not yet serving) operations server, so callers learn the port
/// before serving (tests bind port 0).
pub struct OpsServer {
    listener: TcpListener,
    router: Router,
}

impl OpsServer {
    pub async fn bind(addr: &str, metrics: Metrics, health: Health) -> std::io::Result<OpsServer> {
        let listener = TcpListener::bind(addr).await?;
        let router = Router::new()
            .route("/metrics", get(metrics_handler))
            .route("/health/live", get(|| async { "ok" }))
            .route("/health/ready", get(ready_handler))
            .with_state(AppState { metrics, health });
        Ok(OpsServer { listener, router })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub async fn serve(self, mut shutdown: Shutdown) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(async move { shutdown.wait().await })
            .await
    }
}

async fn metrics_handler(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
}

/// 200 "ready", or 503 with the reason it is not (`health.rs`).
async fn ready_handler(State(state): State<AppState>) -> impl IntoResponse {
    match state.health.status() {
        Ok(()) => (StatusCode::OK, "ready".to_string()),
        Err(reason) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {reason}"),
        ),
    }
}
