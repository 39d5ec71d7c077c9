//! The sign-in page's first call: ServerInfo, which needs no ticket. It names the server in a
//! quiet line, or says why srv.asmx cannot be reached before anyone types a password.

use inforouter_protocol::lifecycle::GetAuthenticationAndPasswordPolicy;
use inforouter_protocol::operations::{GetAllUsers1, Operation as _, ServerInfo};
use inforouter_protocol::{ApiError, Method, UserQuery, server_info};
use leptos::prelude::*;

use crate::api;
use crate::components::error_details::ErrorDetails;
use crate::config::Config;
use crate::session::use_session;
use crate::transport;

#[component]
pub fn ServerCheck() -> impl IntoView {
    let config = use_session().config.get_value();
    let api_base = config.api_base.clone();
    let answer = LocalResource::new(move || {
        let config = config.clone();
        async move {
            let server = api::send(&config, &ServerInfo, None).await?;
            Ok((server, lacking_calls(&config).await))
        }
    });
    view! {
        <div class="server-check" aria-live="polite">
            {move || match answer.get() {
                None => view! { <p class="muted server-line" id="server-info">"Checking the server…"</p> }.into_any(),
                Some(Ok((server, lacking))) => view! { <ServerLine server=server lacking=lacking/> }.into_any(),
                Some(Err(error)) => view! {
                    <ServerProblem error=error api_base=api_base.clone() on_retry=move || answer.refetch()/>
                }.into_any(),
            }}
        </div>
    }
}

/// Which of the newer calls this server lacks: asked without a ticket, where any srv.asmx
/// answer (a refusal included) proves the call is there. Only calls that read, and only what
/// this tab does not know yet.
async fn lacking_calls(config: &Config) -> Vec<String> {
    if !transport::lacks(GetAllUsers1::NAME) {
        let query = UserQuery {
            count: 1,
            ..UserQuery::default()
        };
        let _ = api::send(config, &GetAllUsers1 { query }, None).await;
    }
    if !transport::lacks(GetAuthenticationAndPasswordPolicy::NAME) {
        let _ = api::send(config, &GetAuthenticationAndPasswordPolicy, None).await;
    }
    transport::lacking()
}

#[component]
fn ServerLine(server: server_info::ServerInfo, lacking: Vec<String>) -> impl IntoView {
    let session = use_session();
    let mut name = match (server.server_name.trim(), server.version.trim()) {
        ("", "") => "Connected to infoRouter".to_string(),
        ("", version) => format!("Connected to infoRouter {version}"),
        (name, "") => format!("Connected to {name}"),
        (name, version) => format!("Connected to {name} · infoRouter {version}"),
    };
    // ServerInfo was the call that found out which protocol this server speaks.
    if session.config.with_value(transport::method) == Method::Soap {
        name.push_str(" · SOAP");
    }
    let lacking = (!lacking.is_empty()).then(|| {
        let said: Vec<String> = lacking
            .iter()
            .map(|op| transport::consequence(op))
            .collect();
        view! {
            <p class="muted server-line" id="server-lacks">
                {format!("This server is an older infoRouter. It cannot {}.", said.join("; nor "))}
            </p>
        }
    });
    let windows = server.windows_authentication.then(|| {
        view! {
            <p class="muted server-line" id="server-windows">
                "This server uses Windows authentication: signing in with an infoRouter user name and password may be restricted."
            </p>
        }
    });
    view! {
        <p class="muted server-line" id="server-info">{name}</p>
        {windows}
        {lacking}
    }
}

#[component]
fn ServerProblem(
    error: ApiError,
    api_base: String,
    on_retry: impl Fn() + 'static,
) -> impl IntoView {
    // A srv.asmx answer that is a refusal still proves the service is there: stay quiet.
    let Some(problem) = error.connection_problem() else {
        return view! { <p class="muted server-line" id="server-info">"Connected to infoRouter"</p> }
            .into_any();
    };
    view! {
        <div class="notice notice-error" id="server-problem">
            // The alert holds what to do; the technical detail and the retry follow it.
            <div role="alert">
                <p><strong>{problem.headline()}</strong></p>
                <p>{problem.what_to_check(&api_base)}</p>
            </div>
            {error.technical_detail(ServerInfo::NAME).map(|detail| view! { <ErrorDetails detail=detail/> })}
            <button type="button" class="secondary" id="server-retry" on:click=move |_| on_retry()>"Check again"</button>
        </div>
    }
    .into_any()
}
