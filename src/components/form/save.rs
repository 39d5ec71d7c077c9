//! The save controller: one submit routine for every edit form. A form says how its fields
//! fill from a `User`, whether they differ from the saved copy, its field checks in form order,
//! and how to send (the typed request built from the fields, and what a success patches and
//! says). The controller owns the rest: submitted / sending / message state, the unsaved-changes
//! guard, refilling when the server's copy changes, no double submit (the action's `pending`),
//! focus on the first field that needs attention, problems shown at their field, and telling
//! the host page so it refetches the user.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use super::{Field, FormMessage, Input, focus_id, same_person, use_unsaved_guard};
use crate::send::{Applied, NotApplied};
use crate::session::{Session, use_session};

/// What a form's send step returns: the calls it made, read as a save.
pub type SendFuture = Pin<Box<dyn Future<Output = Result<Saved, SaveFailed>>>>;

/// A successful save: what to say, what it did, and how the saved copy changed.
#[derive(Clone)]
pub struct Saved {
    message: FormMessage,
    patch: Rc<dyn Fn(&mut User)>,
    applied: Applied,
    keep_fields: bool,
    /// The call made, when the form can make more than one (the host hears it).
    operation: Option<&'static str>,
}

impl Saved {
    /// `patch` applies the saved values to the saved copy, so the form is clean at once,
    /// before the host's refetch answers.
    pub fn new(message: FormMessage, patch: impl Fn(&mut User) + 'static) -> Saved {
        Saved {
            message,
            patch: Rc::new(patch),
            applied: Applied::Updated,
            keep_fields: false,
            operation: None,
        }
    }

    /// The operation the host is told of, when not the form's own (a form that sends one of
    /// several calls).
    pub fn sent_as(self, operation: &'static str) -> Saved {
        Saved {
            operation: Some(operation),
            ..self
        }
    }

    /// What the send did, when more than an update (a rename the host follows, a delete).
    pub fn applied(self, applied: Applied) -> Saved {
        Saved { applied, ..self }
    }

    /// Part of the input was not saved: the fields keep what was typed instead of refilling.
    pub fn keep_fields(self) -> Saved {
        Saved {
            keep_fields: true,
            ..self
        }
    }
}

/// A save that did not happen.
pub enum SaveFailed {
    /// A call failed; shown at a field when the form can place it there.
    Call {
        error: ApiError,
        operation: &'static str,
        /// What could not be done, said before the error ("" for the save itself).
        context: &'static str,
    },
    /// Nothing was sent, for this reason.
    Refused(String),
}

impl SaveFailed {
    /// For `map_err`: a failed call of `operation`.
    pub fn call(operation: &'static str) -> impl FnOnce(ApiError) -> SaveFailed {
        SaveFailed::call_while("", operation)
    }

    /// For `map_err`: a failed call of `operation`, a step before the save (`context` says
    /// what could not be done).
    pub fn call_while(
        context: &'static str,
        operation: &'static str,
    ) -> impl FnOnce(ApiError) -> SaveFailed {
        move |error| SaveFailed::Call {
            error,
            operation,
            context,
        }
    }
}

impl From<NotApplied> for SaveFailed {
    fn from(failed: NotApplied) -> SaveFailed {
        SaveFailed::Call {
            error: failed.error,
            operation: failed.operation,
            context: if failed.read_first {
                "Not saved: the current preferences could not be read first."
            } else {
                ""
            },
        }
    }
}

/// A server error that belongs to one field: shown under it, with `summary` in the message.
pub struct FieldProblem {
    pub id: &'static str,
    pub field: Field,
    pub message: String,
    pub summary: String,
}

/// What the host page is told after each save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveReport {
    /// The operation the form stands for, as the embedding contract names it to the portal.
    pub operation: &'static str,
    /// The user's name after the save.
    pub user_name: String,
    pub applied: Applied,
}

/// Given by the page that hosts the forms (through context): told of every save, so it marks
/// the user's data stale and refetches it, or follows a rename.
#[derive(Clone, Copy)]
pub struct SaveHost(pub Callback<SaveReport>);

type Check = (&'static str, Signal<Option<String>>);
type PlaceAtField = Box<dyn Fn(&ApiError) -> Option<FieldProblem>>;
type SendStep = Box<dyn Fn(Session, &User) -> SendFuture>;
type Changed = Box<dyn Fn(&User) -> bool>;

struct Spec {
    operation: &'static str,
    /// The described inputs, in form order: filled, compared, checked and blamed for an empty
    /// parameter from their attribute.
    inputs: Vec<Input>,
    fill: Box<dyn Fn(&User)>,
    /// `None`: changed when an input differs from the saved value (or there are none).
    changed: Option<Changed>,
    checks: Vec<Check>,
    at_field: Option<PlaceAtField>,
    send: SendStep,
    after: Option<Box<dyn Fn()>>,
    guard: bool,
}

impl Spec {
    fn problem_at_field(&self, error: &ApiError) -> Option<FieldProblem> {
        if let ApiError::EmptyRequired { name: Some(name) } = error {
            let described = self.inputs.iter().find(|i| i.attr.sent_as(name));
            if let Some(&Input { id, field, .. }) = described {
                return Some(FieldProblem {
                    id,
                    field,
                    message: error.user_message(),
                    summary: "Not saved: one field needs attention.".into(),
                });
            }
        }
        self.at_field.as_ref().and_then(|hook| hook(error))
    }

    fn fill(&self, user: &User) {
        for input in &self.inputs {
            input.fill(user);
        }
        (self.fill)(user);
    }

    fn changed(&self, saved: &User) -> bool {
        match &self.changed {
            Some(changed) => changed(saved),
            // A form without inputs is a confirmed action: always ready to send.
            None => self.inputs.is_empty() || self.inputs.iter().any(|i| i.differs(saved)),
        }
    }

    /// The ids of the fields whose check fails now, in form order.
    fn failing(&self) -> Vec<&'static str> {
        self.checks
            .iter()
            .filter(|(_, error)| error.with_untracked(Option::is_some))
            .map(|(id, _)| *id)
            .collect()
    }
}

/// Builds a [`SaveForm`]; every step but `send` is optional.
pub struct SaveFormBuilder {
    user: Signal<User>,
    spec: Spec,
}

impl SaveFormBuilder {
    /// A described input, in form order: it fills from its attribute, counts as changed when
    /// it differs from the saved value, is checked, and is blamed for its empty parameters.
    pub fn input(mut self, input: Input) -> Self {
        self.spec.checks.push((input.id, input.error));
        self.spec.inputs.push(input);
        self
    }

    /// Fills the other fields from a user: at the start, after a save, and when the server's
    /// copy changes while nothing unsaved is typed.
    pub fn fill(mut self, fill: impl Fn(&User) + 'static) -> Self {
        self.spec.fill = Box::new(fill);
        self
    }

    /// Whether the fields differ from the saved copy (read reactively).
    pub fn changed(mut self, changed: impl Fn(&User) -> bool + 'static) -> Self {
        self.spec.changed = Some(Box::new(changed));
        self
    }

    /// A field's check beyond the inputs'; inputs and checks are listed in form order, so the
    /// first failing field gets focus.
    pub fn check(mut self, id: &'static str, error: impl Into<Signal<Option<String>>>) -> Self {
        self.spec.checks.push((id, error.into()));
        self
    }

    /// Places other server errors at a field (a taken user name).
    pub fn at_field(mut self, hook: impl Fn(&ApiError) -> Option<FieldProblem> + 'static) -> Self {
        self.spec.at_field = Some(Box::new(hook));
        self
    }

    /// Runs after every answer, saved or not (the status form closes its confirmation).
    pub fn after(mut self, after: impl Fn() + 'static) -> Self {
        self.spec.after = Some(Box::new(after));
        self
    }

    /// For a form with nothing typed to lose (a confirmed action).
    pub fn without_unsaved_guard(mut self) -> Self {
        self.spec.guard = false;
        self
    }

    /// Builds the request from the fields (read when the person submits) and sends it.
    pub fn send(mut self, send: impl Fn(Session, &User) -> SendFuture + 'static) -> SaveForm {
        self.spec.send = Box::new(send);
        SaveForm::start(self.user, self.spec)
    }
}

/// A running form's shared state; `Copy`, so views and handlers take it freely.
#[derive(Clone, Copy)]
pub struct SaveForm {
    /// The user as last read from the server or last saved here: the reference for "changed".
    pub saved: RwSignal<User>,
    pub dirty: Memo<bool>,
    /// A submit was tried: every field's check shows from then on.
    pub submitted: RwSignal<bool>,
    pub message: RwSignal<Option<FormMessage>>,
    pub sending: Memo<bool>,
    spec: StoredValue<Spec, LocalStorage>,
    action: Action<User, Rc<Result<Saved, SaveFailed>>>,
}

impl SaveForm {
    /// A form editing `user` (the host's copy from GetUser), reported to the host as
    /// `operation`.
    pub fn build(user: Signal<User>, operation: &'static str) -> SaveFormBuilder {
        SaveFormBuilder {
            user,
            spec: Spec {
                operation,
                inputs: Vec::new(),
                fill: Box::new(|_| {}),
                changed: None,
                checks: Vec::new(),
                at_field: None,
                send: Box::new(|_, _| {
                    Box::pin(async { Err(SaveFailed::Refused("Nothing to send.".into())) })
                }),
                after: None,
                guard: true,
            },
        }
    }

    fn start(user: Signal<User>, spec: Spec) -> SaveForm {
        let session = use_session();
        let host = use_context::<SaveHost>();
        let initial = user.get_untracked();
        spec.fill(&initial);
        let guard = spec.guard;
        let saved = RwSignal::new(initial);
        let spec = StoredValue::new_local(spec);
        let dirty = Memo::new(move |_| saved.with(|s| spec.with_value(|sp| sp.changed(s))));
        let action = Action::new_local(move |copy: &User| {
            let sent = spec.with_value(|sp| (sp.send)(session, copy));
            async move { Rc::new(sent.await) }
        });
        let form = SaveForm {
            saved,
            dirty,
            submitted: RwSignal::new(false),
            message: RwSignal::new(None),
            sending: action.pending(),
            spec,
            action,
        };
        if guard {
            use_unsaved_guard(dirty.into());
        }
        Effect::new(move |_| {
            let fresh = user.get();
            untrack(|| form.follow(fresh));
        });
        Effect::new(move |_| {
            if let Some(outcome) = action.value().get() {
                untrack(|| {
                    form.answered(&outcome, host);
                    spec.with_value(|sp| sp.after.as_ref().map(|after| after()));
                });
            }
        });
        form
    }

    /// The server's copy changed (a refetch, or another user). Refills unless the person has
    /// unsaved input for that same user: a reload must not wipe what they typed.
    fn follow(&self, fresh: User) {
        let same = self.saved.with(|s| same_person(s, &fresh));
        if !same {
            self.message.set(None);
        }
        if !(same && self.dirty.get()) {
            self.spec.with_value(|sp| sp.fill(&fresh));
            self.submitted.set(false);
        }
        self.saved.set(fresh);
    }

    fn answered(&self, outcome: &Result<Saved, SaveFailed>, host: Option<SaveHost>) {
        match outcome {
            Ok(done) => {
                self.saved.update(|u| (done.patch)(u));
                if !done.keep_fields {
                    let now = self.saved.get();
                    self.spec.with_value(|sp| sp.fill(&now));
                }
                self.submitted.set(false);
                self.message.set(Some(done.message.clone()));
                if let Some(SaveHost(host)) = host {
                    host.run(SaveReport {
                        operation: done
                            .operation
                            .unwrap_or_else(|| self.spec.with_value(|sp| sp.operation)),
                        user_name: self.saved.with(|u| u.user_name.clone()),
                        applied: done.applied.clone(),
                    });
                }
            }
            Err(SaveFailed::Refused(why)) => self.message.set(Some(FormMessage::error(why))),
            Err(SaveFailed::Call {
                error,
                operation,
                context,
            }) => match self.spec.with_value(|sp| sp.problem_at_field(error)) {
                Some(problem) => {
                    problem.field.server_error.set(Some(problem.message));
                    self.message.set(Some(FormMessage::error(problem.summary)));
                    focus_id(problem.id);
                }
                None => self
                    .message
                    .set(Some(FormMessage::failed_while(context, error, operation))),
            },
        }
    }

    /// Checks the fields and sends, unless nothing changed or a save is already out. A
    /// rejected submit focuses the first field that needs attention and says how many do.
    pub fn submit(&self) {
        if self.sending.get_untracked() || !self.dirty.get_untracked() {
            return;
        }
        self.submitted.set(true);
        let failing = self.spec.with_value(Spec::failing);
        if let Some(first) = failing.first() {
            self.message
                .set(Some(FormMessage::error(if failing.len() == 1 {
                    "Not saved: one field needs attention.".to_string()
                } else {
                    format!("Not saved: {} fields need attention.", failing.len())
                })));
            focus_id(*first);
            return;
        }
        self.message.set(None);
        self.action.dispatch_local(self.saved.get_untracked());
    }

    /// The `on:submit` handler of the form element.
    pub fn on_submit(self) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
        move |ev| {
            ev.prevent_default();
            self.submit();
        }
    }
}

/// The submit button: disabled while nothing changed or while a save is out, so a save can
/// never be sent twice.
#[component]
pub fn SaveButton(
    #[prop(into)] id: String,
    form: SaveForm,
    #[prop(default = "Save")] label: &'static str,
) -> impl IntoView {
    let SaveForm { dirty, sending, .. } = form;
    // The save starts here, on the click (Enter in a field is a click on this button too), and
    // the click's default, the browser's submission of the form, is cancelled: that submission
    // and the browser's own work on a submitted form came before the submit event, 0.4 ms at
    // 1× CPU and 2.5 ms at 4× (medians of 15 saves).
    let save = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        form.submit();
    };
    view! {
        <div class="actions">
            <button id=id type="submit" on:click=save disabled=move || sending.get() || !dirty.get()>
                {move || if sending.get() { "Saving…" } else { label }}
            </button>
            {move || (!dirty.get() && !sending.get()).then(|| view! { <span class="muted small">"No unsaved changes."</span> })}
        </div>
    }
}
