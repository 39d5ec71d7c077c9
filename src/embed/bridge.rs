//! postMessage both ways with the portal. Inbound messages count only from allowed origins;
//! outbound events go to one allowed origin, never to "*".

use inforouter_protocol::Ticket;
use inforouter_protocol::embed::{OriginPolicy, theme_value_ok};
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::config::Config;

#[derive(Clone, Copy)]
pub struct Bridge {
    policy: StoredValue<OriginPolicy>,
    /// Where events go; set from the first allowed message, the referrer or the configuration.
    target: RwSignal<Option<String>>,
    theme: StoredValue<String>,
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

/// Removes the fragment (and the ticket in it) from the address bar and history.
pub fn clear_fragment() {
    let w = window();
    let location = w.location();
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
    }
}

fn get_str(obj: &JsValue, key: &str) -> Option<String> {
    Reflect::get(obj, &JsValue::from_str(key)).ok()?.as_string()
}

impl Bridge {
    pub fn new(config: &Config) -> Bridge {
        let own = window().location().origin().unwrap_or_default();
        let policy = OriginPolicy::parse(&config.embed_origins, &own);
        let referrer = window()
            .document()
            .map(|d| d.referrer())
            .filter(|r| !r.is_empty());
        let target = policy.event_target(None, referrer.as_deref());
        Bridge {
            policy: StoredValue::new(policy),
            target: RwSignal::new(target),
            theme: StoredValue::new(config.embed_theme.clone()),
        }
    }

    fn post(&self, kind: &str, fields: &[(&str, JsValue)]) {
        let Some(origin) = self.target.get_untracked() else {
            return;
        };
        let Some(parent) = window().parent().ok().flatten() else {
            return;
        };
        let message = Object::new();
        let _ = Reflect::set(
            &message,
            &"type".into(),
            &format!("inforouter:{kind}").into(),
        );
        for (k, v) in fields {
            let _ = Reflect::set(&message, &(*k).into(), v);
        }
        let _ = parent.post_message(&message, &origin);
    }

    pub fn ready(&self) {
        self.post("ready", &[]);
    }
    pub fn saved(&self, operation: &str, user: &str) {
        self.post(
            "saved",
            &[("operation", operation.into()), ("user", user.into())],
        );
    }
    pub fn error(&self, message: &str) {
        self.post("error", &[("message", message.into())]);
    }
    pub fn session_expired(&self) {
        self.post("session-expired", &[]);
    }

    /// Accepts `{type: "inforouter:ticket", ticket, user?}` and `{type: "inforouter:theme",
    /// vars: {"--accent": "#..."}}` from allowed origins; everything else is ignored.
    pub fn listen(&self, on_ticket: Callback<(Ticket, Option<String>)>) {
        let bridge = *self;
        let handler =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let origin = ev.origin();
                if !bridge.policy.with_value(|p| p.allows(&origin)) {
                    return;
                }
                let data = ev.data();
                match get_str(&data, "type").as_deref() {
                    Some("inforouter:ticket") => {
                        let Some(ticket) =
                            get_str(&data, "ticket").and_then(|t| Ticket::parse_handover(&t))
                        else {
                            return;
                        };
                        bridge.target.set(Some(origin));
                        let user = get_str(&data, "user").filter(|u| !u.trim().is_empty());
                        on_ticket.run((ticket, user));
                    }
                    Some("inforouter:theme") => {
                        bridge.target.set(Some(origin));
                        if let Ok(vars) = Reflect::get(&data, &"vars".into()) {
                            apply_theme_object(&vars);
                        }
                    }
                    _ => {}
                }
            });
        let _ =
            window().add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
        // Lives as long as the page.
        handler.forget();
    }

    /// `--accent: #123; --radius: 2px` from the deploy-time configuration.
    pub fn apply_configured_theme(&self) {
        let theme = self.theme.get_value();
        for declaration in theme.split(';') {
            if let Some((k, v)) = declaration.split_once(':') {
                set_theme_var(k.trim(), v.trim());
            }
        }
    }

    /// Reports the content height whenever it changes, so the portal can size the iframe.
    pub fn watch_height(&self) {
        let bridge = *self;
        let last = StoredValue::new(0i32);
        let callback = Closure::<dyn Fn()>::new(move || {
            let Some(body) = window().document().and_then(|d| d.document_element()) else {
                return;
            };
            let height = body.scroll_height();
            if height != last.get_value() {
                last.set_value(height);
                bridge.post("height", &[("height", height.into())]);
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref())
            && let Some(body) = window().document().and_then(|d| d.body())
        {
            observer.observe(&body);
        }
        callback.forget();
    }
}

fn apply_theme_object(vars: &JsValue) {
    let Ok(keys) = Reflect::own_keys(vars) else {
        return;
    };
    for key in keys.iter() {
        if let (Some(k), Some(v)) = (
            key.as_string(),
            Reflect::get(vars, &key).ok().and_then(|v| v.as_string()),
        ) {
            set_theme_var(&k, &v);
        }
    }
}

fn set_theme_var(property: &str, value: &str) {
    if !theme_value_ok(property, value) {
        return;
    }
    if let Some(root) = window()
        .document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = root.style().set_property(property, value);
    }
}
