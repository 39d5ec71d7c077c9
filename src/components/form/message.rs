//! What a form says after a submit, and the line under the form that says it.

use inforouter_protocol::ApiError;
use leptos::prelude::*;

use crate::components::error_details::ErrorDetails;

/// What a form says after a submit: a success, a problem, or both (a partial success such as
/// "email saved, but this server cannot change mobile numbers"). A problem from the server
/// can carry technical detail for an administrator, shown behind "Details".
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FormMessage {
    pub success: Option<String>,
    pub problem: Option<String>,
    pub detail: Option<String>,
}

impl FormMessage {
    pub fn ok(message: impl Into<String>) -> FormMessage {
        FormMessage {
            success: Some(message.into()),
            ..FormMessage::default()
        }
    }

    pub fn error(message: impl Into<String>) -> FormMessage {
        FormMessage {
            problem: Some(message.into()),
            ..FormMessage::default()
        }
    }

    /// A failed call of `operation`: the plain message after `context` (what could not be
    /// done, or ""), and the technical detail.
    pub fn failed_while(context: &str, error: &ApiError, operation: &str) -> FormMessage {
        FormMessage {
            problem: Some(
                format!("{context} {}", error.user_message())
                    .trim()
                    .to_string(),
            ),
            detail: error.technical_detail(operation),
            ..FormMessage::default()
        }
    }

    pub fn partial(success: impl Into<String>, problem: impl Into<String>) -> FormMessage {
        FormMessage {
            success: Some(success.into()),
            problem: Some(problem.into()),
            detail: None,
        }
    }
}

/// The message under a form, in two regions that always exist so that screen readers announce
/// changes: `role="status"` (polite) for success, `role="alert"` for problems. Technical
/// detail follows the alert, outside it, behind a closed "Details" disclosure.
#[component]
pub fn MessageLine(
    #[prop(into)] id: String,
    message: RwSignal<Option<FormMessage>>,
) -> impl IntoView {
    view! {
        <div id=id class="status-line">
            <p class="success" role="status" aria-live="polite">
                {move || message.with(|m| m.as_ref().and_then(|m| m.success.clone()))}
            </p>
            <p class="error" role="alert">
                {move || message.with(|m| m.as_ref().and_then(|m| m.problem.clone()))}
            </p>
            {move || {
                message
                    .with(|m| m.as_ref().and_then(|m| m.detail.clone()))
                    .map(|detail| view! { <ErrorDetails detail=detail/> })
            }}
        </div>
    }
}
