//! The HTTP edge: a JSON API with a generated OpenAPI document, and the server-rendered web UI.
//!
//! Both halves call the `engine` directly; the web UI never goes through the API over HTTP.
//! Handlers stay short: parse, call the engine, convert to a wire or view type, render.

#![deny(missing_docs)]

mod api;
mod api_demand;
mod api_outcomes;
mod api_pathways;
mod api_value;
mod error;
mod web;
mod web_demand;
mod web_outcomes;
mod web_pathways;
mod web_value;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use credence_engine::Engine;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use api::ApiDoc;
pub use error::ApiError;
pub use web_value::value_report_html;

/// Largest request body accepted (the API takes queries, not uploads).
const BODY_LIMIT: usize = 1024 * 1024;
/// Longest a request may run before the client gets a 503.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    /// The engine behind everything.
    pub engine: Arc<Engine>,
}

/// The whole application: API under `/api`, the UI everywhere else.
pub fn router(engine: Arc<Engine>) -> Router {
    let state = AppState { engine };
    Router::new()
        .merge(api::routes())
        .merge(api_demand::routes())
        .merge(web_demand::routes())
        .merge(api_pathways::routes())
        .merge(web_pathways::routes())
        .merge(api_value::routes())
        .merge(web_value::routes())
        .merge(web::routes())
        .merge(api_outcomes::routes())
        .merge(web_outcomes::routes())
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http())
}

/// Serves the application until Ctrl-C; `on_ready` receives the bound address.
pub async fn serve(
    engine: Arc<Engine>,
    addr: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, router(engine))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
