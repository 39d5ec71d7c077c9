//! The control endpoint for tests, mounted under `/_emulator/` only when enabled.

use std::sync::Arc;

use axum::extract::State as AxState;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::faults::{Faults, Rng};
use crate::server::Shared;
use crate::store::Store;

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/log", get(read_log).delete(clear_log))
        .route("/access-log", get(access_log))
        .route("/faults", get(read_faults).put(set_faults))
        .route("/expire", post(expire))
        .route("/reset", post(reset))
}

async fn read_log(AxState(s): AxState<Arc<Shared>>) -> impl IntoResponse {
    Json(s.log.lock().unwrap().clone())
}

async fn clear_log(AxState(s): AxState<Arc<Shared>>) -> impl IntoResponse {
    s.log.lock().unwrap().clear();
    StatusCode::NO_CONTENT
}

async fn access_log(AxState(s): AxState<Arc<Shared>>) -> impl IntoResponse {
    let mut text = s.access.lock().unwrap().join("\n");
    text.push('\n');
    text
}

async fn read_faults(AxState(s): AxState<Arc<Shared>>) -> impl IntoResponse {
    Json(s.faults.lock().unwrap().clone())
}

async fn set_faults(
    AxState(s): AxState<Arc<Shared>>,
    Json(faults): Json<Faults>,
) -> impl IntoResponse {
    *s.faults.lock().unwrap() = faults.clone();
    Json(faults)
}

#[derive(Deserialize)]
struct Expire {
    ticket: Option<String>,
    user: Option<String>,
}

async fn expire(AxState(s): AxState<Arc<Shared>>, Json(req): Json<Expire>) -> impl IntoResponse {
    let mut state = s.state.lock().unwrap();
    let n = match (req.ticket, req.user) {
        (Some(t), _) => usize::from(state.expire_ticket(&t)),
        (None, Some(u)) => state.expire_user(&u),
        (None, None) => {
            return (
                StatusCode::BAD_REQUEST,
                "give a ticket or a user".to_string(),
            );
        }
    };
    (StatusCode::OK, format!("{{\"expired\":{n}}}"))
}

async fn reset(AxState(s): AxState<Arc<Shared>>) -> impl IntoResponse {
    let store = match Store::from_fixture(&s.fixture) {
        Ok(store) => store,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, format!("fixture: {e}")),
    };
    {
        let mut state = s.state.lock().unwrap();
        state.store = store;
        state.tickets.clear();
    }
    s.log.lock().unwrap().clear();
    s.access.lock().unwrap().clear();
    *s.faults.lock().unwrap() = Faults::default();
    *s.rng.lock().unwrap() = Rng::new(s.seed);
    (StatusCode::OK, "{}".to_string())
}
