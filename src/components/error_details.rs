//! The technical side of a failure, for an administrator: a closed "Details" disclosure under
//! the plain message, holding what `ApiError::technical_detail` says (the operation, the HTTP
//! status, the server's own text), and a button that copies it.
//!
//! Classes: `error-details` (the `<details>`), `error-details-body` (what opens),
//! `error-details-text` (the `<pre>`),
//! `error-details-copy` (the button), `error-details-copied` (its `role="status"` result).

use leptos::prelude::*;

#[component]
pub fn ErrorDetails(#[prop(into)] detail: String) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let text = StoredValue::new(detail.clone());
    let copy = move |_| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            return;
        };
        let promise = clipboard.write_text(&text.get_value());
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(if done {
                "Copied"
            } else {
                "Could not copy: select the text and copy it."
            }));
        });
    };
    view! {
        <details class="error-details" on:toggle=move |_| copied.set(None)>
            <summary>"Details"</summary>
            <div class="error-details-body">
                <pre class="error-details-text">{detail}</pre>
                <div class="actions">
                    <button type="button" class="secondary error-details-copy" on:click=copy>
                        "Copy details for an administrator"
                    </button>
                    <span class="error-details-copied muted small" role="status">{move || copied.get()}</span>
                </div>
            </div>
        </details>
    }
}
