//! The control endpoint for tests, mounted under `/_emulator/` only when enabled.

use std::sync::Arc;

use axum::extract::{Path, State as AxState};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::faults::{Faults, Rng};
use crate::server::Shared;
use crate::store::Store;
use crate::world::World;

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/log", get(read_log).delete(clear_log))
        .route("/access-log", get(access_log))
        .route("/faults", get(read_faults).put(set_faults))
        .route("/expire", post(expire))
        .route("/reset", post(reset))
        .route("/mails", get(read_mails).delete(clear_mails))
        .route("/holdings/{user}", get(read_holdings))
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

/// The welcome mails SendWelcomeEmailForUser would have sent, oldest first.
async fn read_mails(AxState(s): AxState<Arc<Shared>>) -> impl IntoResponse {
    Json(s.state.lock().unwrap().world.mails.clone())
}

async fn clear_mails(AxState(s): AxState<Arc<Shared>>) -> impl IntoResponse {
    s.state.lock().unwrap().world.mails.clear();
    StatusCode::NO_CONTENT
}

/// What a user holds (documents, folders, permissions, tasks, workflow roles), by path.
async fn read_holdings(
    AxState(s): AxState<Arc<Shared>>,
    Path(user): Path<String>,
) -> axum::response::Response {
    let state = s.state.lock().unwrap();
    match state.store.index_of(&user) {
        Some(i) => {
            let id = state.store.accounts[i].user.id;
            Json(state.world.holdings.summary(id)).into_response()
        }
        None => (StatusCode::NOT_FOUND, format!("no user {user:?}")).into_response(),
    }
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
    let loaded = Store::from_fixture(&s.fixture)
        .and_then(|store| World::from_fixture(&s.fixture, &store).map(|world| (store, world)));
    let (store, world) = match loaded {
        Ok(both) => both,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, format!("fixture: {e}")),
    };
    {
        let mut state = s.state.lock().unwrap();
        state.store = store;
        state.world = world;
        state.tickets.clear();
    }
    s.log.lock().unwrap().clear();
    s.access.lock().unwrap().clear();
    *s.faults.lock().unwrap() = Faults::default();
    *s.rng.lock().unwrap() = Rng::new(s.seed);
    (StatusCode::OK, "{}".to_string())
}
