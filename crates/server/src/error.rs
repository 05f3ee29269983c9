//! One table of stable error codes for the API, in the style of Meilisearch's `make_error_codes!`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use credence_engine::{EngineError, ErrorKind};
use serde::Serialize;
use utoipa::ToSchema;

/// The stable JSON error body: clients branch on `code`, people read `message`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// Human-readable explanation.
    pub message: String,
    /// Stable snake_case code (`not_found`, `invalid_request`, `unavailable`, `internal`).
    pub code: &'static str,
    /// Category of the error (`invalid_request`, `system`, `internal`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Where the code is documented.
    pub link: &'static str,
    #[serde(skip)]
    status: StatusCode,
}

/// code, type, status: one row per kind.
const fn row(kind: ErrorKind) -> (&'static str, &'static str, StatusCode) {
    match kind {
        ErrorKind::NotFound => ("not_found", "invalid_request", StatusCode::NOT_FOUND),
        ErrorKind::Invalid => (
            "invalid_request",
            "invalid_request",
            StatusCode::BAD_REQUEST,
        ),
        ErrorKind::Unavailable => ("unavailable", "system", StatusCode::SERVICE_UNAVAILABLE),
        ErrorKind::Internal => ("internal", "internal", StatusCode::INTERNAL_SERVER_ERROR),
    }
}

impl ApiError {
    /// An error of a kind with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let (code, category, status) = row(kind);
        ApiError {
            message: message.into(),
            code,
            kind: category,
            link: "https://github.com/credence-project/credence/blob/main/docs/api.md#errors",
            status,
        }
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl From<EngineError> for ApiError {
    fn from(e: EngineError) -> Self {
        let kind = e.kind();
        if kind == ErrorKind::Internal {
            tracing::error!(error = %e, "internal error");
            return ApiError::new(kind, "internal error; the server log has details");
        }
        ApiError::new(kind, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self)).into_response()
    }
}
