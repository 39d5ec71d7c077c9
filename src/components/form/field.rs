//! A labelled text field with its hint and error.
//!
//! For a field with id `X`, the hint is `X-hint` and the error `X-error`; the input points at
//! both with `aria-describedby` and carries `aria-invalid="true"` while an error shows.

use leptos::prelude::*;

/// One text field's state: what is typed, whether the person has left it once (errors show
/// from then on), and an error the server reported about it (e.g. a taken user name), which
/// is cleared as soon as the value changes.
#[derive(Clone, Copy)]
pub struct Field {
    pub value: RwSignal<String>,
    pub touched: RwSignal<bool>,
    pub server_error: RwSignal<Option<String>>,
}

impl Default for Field {
    /// An empty field; the save controller fills it.
    fn default() -> Field {
        Field::new(String::new())
    }
}

impl Field {
    pub fn new(value: String) -> Field {
        Field {
            value: RwSignal::new(value),
            touched: RwSignal::new(false),
            server_error: RwSignal::new(None),
        }
    }

    /// Re-fills from the server: the value is replaced and the field counts as untouched.
    pub fn reset(&self, value: String) {
        self.value.set(value);
        self.touched.set(false);
        self.server_error.set(None);
    }

    pub fn get_untracked(&self) -> String {
        self.value.get_untracked()
    }

    /// The field's current problem by `check` (one of `validate`'s functions), kept up to date.
    pub fn checked(
        self,
        check: impl Fn(&str) -> Result<(), String> + Send + Sync + 'static,
    ) -> Memo<Option<String>> {
        Memo::new(move |_| self.value.with(|v| check(v).err()))
    }
}

/// A labelled single-line input. `error` is the field's current validation result; it shows
/// once the field was left (`touched`) or a submit was tried (`submitted`). A server error
/// about the field always shows.
#[component]
pub fn TextField(
    /// The input's id; the hint and error ids derive from it.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    field: Field,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] submitted: Signal<bool>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    /// `text`, `email`, `tel`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
    /// Where the error shows, when not at `{id}-error` (a line a confirmation shares).
    #[prop(default = None)]
    error_id: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional, into)]
    list: MaybeProp<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = error_id.map_or_else(|| format!("{id}-error"), str::to_string);
    let shown_error = Memo::new(move |_| {
        field.server_error.get().or_else(|| {
            if field.touched.get() || submitted.get() {
                error.get()
            } else {
                None
            }
        })
    });
    let has_hint = move || hint.with(|h| h.as_ref().is_some_and(|h| !h.is_empty()));
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint() {
                ids.push(hint_id.clone());
            }
            if shown_error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                // An email input's value drops its outer spaces as they are typed, and the
                // value written back moved the caret and scrambled the address ("john doe@…"
                // became "doe@…john"): a text input with an email keyboard keeps what is typed.
                type=if kind == "email" { "text" } else { kind }
                inputmode=(kind == "email").then_some("email")
                spellcheck=(kind == "email").then_some("false")
                autocapitalize=(kind == "email").then_some("off")
                autocomplete=autocomplete
                list=move || list.get()
                required=required
                disabled=move || disabled.get().unwrap_or(false)
                prop:value=move || field.value.get()
                on:input=move |ev| {
                    field.value.set(event_target_value(&ev));
                    field.server_error.set(None);
                }
                on:blur=move |_| field.touched.set(true)
                aria-invalid=move || if shown_error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
            />
            {move || has_hint().then(|| view! { <p id=hint_id.clone() class="hint">{move || hint.get()}</p> })}
            {move || shown_error.get().map(|e| view! { <p id=error_id.clone() class="field-error">{e}</p> })}
        </div>
    }
}

/// The signed-in person's own password, where a change asks for it again (deleting users,
/// changing one's password): never shown, never kept beyond the page. A wrong one is said at
/// the field (`field.server_error`).
#[component]
pub fn OwnPasswordField(
    id: &'static str,
    #[prop(default = "Your own password")] label: &'static str,
    field: Field,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] submitted: Signal<bool>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(default = None)] error_id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <TextField id=id label=label field=field error=error submitted=submitted hint=hint
            kind="password" autocomplete="current-password" required=true error_id=error_id/>
    }
}
