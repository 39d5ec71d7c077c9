//! A form's input for one described user attribute (`inforouter_protocol::attribute`): its id,
//! its label, the typed value and its check. The save controller fills, compares and checks it
//! from the attribute ([`super::SaveFormBuilder::input`]); [`InputField`] draws it.

use inforouter_protocol::User;
use inforouter_protocol::attribute::Attribute;
use leptos::prelude::*;

use super::{Field, SaveForm, TextField};

#[derive(Clone, Copy)]
pub struct Input {
    pub id: &'static str,
    pub label: &'static str,
    pub attr: Attribute,
    pub field: Field,
    /// The attribute's check of what is typed (none while the input is switched off).
    pub error: Signal<Option<String>>,
}

impl Input {
    /// An input with id `id` for `attr`, labelled as the attribute is.
    pub fn new(id: &'static str, attr: Attribute) -> Input {
        let field = Field::default();
        let check = attr.check;
        Input {
            id,
            label: attr.label(),
            attr,
            field,
            error: field.checked(check).into(),
        }
    }

    /// The same input under another label ("New email address").
    pub fn labelled(self, label: &'static str) -> Input {
        Input { label, ..self }
    }

    /// Checked only while `active` (the typed authority, only when "other" is chosen).
    pub fn checked_while(self, active: impl Fn() -> bool + Send + Sync + 'static) -> Input {
        let check = self.error;
        Input {
            error: Signal::derive(move || if active() { check.get() } else { None }),
            ..self
        }
    }

    pub(super) fn fill(&self, user: &User) {
        self.field.reset((self.attr.read)(user));
    }

    pub fn differs(&self, saved: &User) -> bool {
        self.field.value.with(|v| *v != (self.attr.read)(saved))
    }

    /// What is typed now.
    pub fn value(&self) -> String {
        self.field.get_untracked()
    }
}

/// A described input in `form`, as a labelled text field.
#[component]
pub fn InputField(
    input: Input,
    form: SaveForm,
    #[prop(optional, into)] hint: MaybeProp<String>,
    /// `text`, `email`, `tel`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
) -> impl IntoView {
    view! {
        <TextField id=input.id label=input.label field=input.field error=input.error
            submitted=form.submitted hint=hint kind=kind autocomplete=autocomplete
            required=required disabled=disabled/>
    }
}
