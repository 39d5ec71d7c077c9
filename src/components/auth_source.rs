//! How a person signs in, as the profile and new-user forms ask it: a select of `native`, the
//! authorities a form lists (the user's current one, or those seen on other users), and
//! "another" with a typed name.
//!
//! ids: `{id}` (the select: `native`, a listed option's value, `other`), `{id}-hint`, and the
//! typed name's input (its own id, shown only for `other`).

use leptos::prelude::*;

use crate::components::form::{Input, InputField, SaveForm};

pub const NATIVE: &str = "native";
pub const OTHER: &str = "other";

/// A listed authority: the select's value, the source it sends, and what the option says.
#[derive(Clone, PartialEq, Eq)]
pub struct Listed {
    pub value: String,
    pub source: String,
    pub label: String,
}

#[derive(Clone, Copy)]
pub struct AuthChoice {
    /// The selected option's value.
    pub choice: RwSignal<String>,
    /// The typed name, checked only while "another" is chosen.
    pub other: Input,
    pub listed: Signal<Vec<Listed>>,
}

impl AuthChoice {
    pub fn new(other: Input, listed: Signal<Vec<Listed>>) -> AuthChoice {
        let choice = RwSignal::new(NATIVE.to_string());
        AuthChoice {
            choice,
            other: other.checked_while(move || choice.with(|c| c == OTHER)),
            listed,
        }
    }

    pub fn is_native(&self) -> bool {
        self.choice.with(|c| c == NATIVE)
    }

    /// The source the choice stands for: `native`, a listed one, or the typed name.
    pub fn source(&self) -> String {
        let chosen = self.choice.get();
        match chosen.as_str() {
            NATIVE => NATIVE.to_string(),
            OTHER => self.other.field.value.with(|v| v.trim().to_string()),
            value => self.listed.with(|l| {
                l.iter()
                    .find(|o| o.value == value)
                    .map(|o| o.source.clone())
                    .unwrap_or_default()
            }),
        }
    }

    /// Chooses the option with `value` and empties the typed name.
    pub fn reset(&self, value: &str) {
        self.choice.set(value.to_string());
        self.other.field.reset(String::new());
    }
}

#[component]
pub fn AuthSourceSelect(
    id: &'static str,
    choice: AuthChoice,
    form: SaveForm,
    hint: &'static str,
) -> impl IntoView {
    let AuthChoice {
        choice: chosen,
        other,
        listed,
    } = choice;
    let hint_id = format!("{id}-hint");
    let option = move |value: String, label: String| {
        let selected = value.clone();
        view! { <option value=value prop:selected=move || chosen.with(|c| *c == selected)>{label}</option> }
    };
    view! {
        <div class="field">
            <label for=id>"Authentication source"</label>
            <select id=id aria-describedby=hint_id.clone() on:change=move |ev| chosen.set(event_target_value(&ev))>
                {option(NATIVE.into(), "native (infoRouter password)".into())}
                {move || listed.get().into_iter().map(|o| option(o.value, o.label)).collect_view()}
                {option(OTHER.into(), "Another LDAP or OAuth authority, or a Windows domain…".into())}
            </select>
            <p id=hint_id class="hint">{hint}</p>
        </div>
        {move || chosen.with(|c| c == OTHER).then(|| view! {
            <InputField input=other form=form required=true
                hint="As configured on the infoRouter server, for example CORP-LDAP."/>
        })}
    }
}
