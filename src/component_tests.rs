//! Component tests in a real browser (wasm-bindgen-test), for behaviour that needs no server:
//! field validation and the Save button's state. Cheaper than a full end-to-end run.

use inforouter_protocol::User;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crate::components::update_user_contact_info::UpdateUserContactInfo;
use crate::components::update_user_email::UpdateUserEmail;
use crate::config::Config;
use crate::session::Session;

wasm_bindgen_test_configure!(run_in_browser);

fn jdoe(mobile: Option<&str>) -> User {
    User {
        user_name: "jdoe".into(),
        email: "john.doe@example.com".into(),
        mobile_number: mobile.map(str::to_string),
        enabled: true,
        ..Default::default()
    }
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn input(id: &str) -> web_sys::HtmlInputElement {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id}"))
        .unchecked_into()
}

/// Types `value` into `#id` and leaves the field, as a person would.
fn type_into(id: &str, value: &str) {
    let el = input(id);
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    el.dispatch_event(&web_sys::Event::new("focusout").unwrap())
        .unwrap();
    el.dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
}

fn text(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn save_disabled(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        .unwrap()
        .has_attribute("disabled")
}

fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(Session::new(Config::default()));
        view()
    });
    std::mem::forget(handle);
    host
}

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
async fn email_form_validates_at_the_field_and_enables_save_only_on_change() {
    let host = mount(|| view! { <UpdateUserEmail user=Signal::derive(|| jdoe(Some("+1555")))/> });
    tick().await;
    assert_eq!(input("email-new").value(), "john.doe@example.com");
    assert!(save_disabled("email-save"), "nothing changed yet");
    type_into("email-new", "not-an-email");
    tick().await;
    assert!(
        text("email-new-error").contains('@'),
        "error at the field: {:?}",
        text("email-new-error")
    );
    assert_eq!(
        input("email-new").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = input("email-new")
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    assert!(described.contains("email-new-error"), "{described}");
    type_into("email-new", "john.new@example.com");
    tick().await;
    assert_eq!(text("email-new-error"), "");
    assert!(!save_disabled("email-save"));
    host.remove();
}

#[wasm_bindgen_test]
async fn contact_form_with_an_unknown_mobile_offers_an_explicit_clear() {
    let host = mount(|| view! { <UpdateUserContactInfo user=Signal::derive(|| jdoe(None))/> });
    tick().await;
    assert_eq!(
        input("contact-mobile").value(),
        "",
        "an unknown mobile is not shown as empty data"
    );
    assert!(
        document()
            .get_element_by_id("contact-clear-mobile")
            .is_some()
    );
    assert!(text("contact-mobile-hint").contains("did not report"));
    type_into("contact-mobile", "12");
    tick().await;
    assert!(
        text("contact-mobile-error").contains("at least 3 digits"),
        "{:?}",
        text("contact-mobile-error")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_view_per_person_is_built_anew_when_another_person_signs_in() {
    let me = RwSignal::new(Some("jdoe".to_string()));
    let built = StoredValue::new(0u32);
    let host = mount(move || {
        let person = Memo::new(move |_| me.get());
        view! {
            <Show when=move || me.with(Option::is_some)>
                {crate::shell::per_person(person, move || {
                    built.update_value(|b| *b += 1);
                    view! { <p>"page"</p> }
                })}
            </Show>
        }
    });
    tick().await;
    assert_eq!(built.get_value(), 1);
    // As Session::sign_in does at the sign-in-again dialog: out, and in as someone else.
    me.set(None);
    me.set(Some("mgarcia".into()));
    tick().await;
    assert_eq!(built.get_value(), 2, "built anew for the new person");
    me.set(Some("mgarcia".into()));
    tick().await;
    assert_eq!(built.get_value(), 2, "the same person keeps the page");
    host.remove();
}

#[wasm_bindgen_test]
fn the_tab_title_says_where_one_is() {
    use crate::shell::page_title;
    assert_eq!(page_title("/", false), "Sign in – infoRouter Accounts");
    assert_eq!(page_title("/", true), "My profile – infoRouter Accounts");
    assert_eq!(page_title("/users", true), "Users – infoRouter Accounts");
    assert_eq!(
        page_title("/users/zo%C3%AB/access", true),
        "zoë – Users – infoRouter Accounts"
    );
    assert_eq!(
        page_title("/new-user", true),
        "New user – infoRouter Accounts"
    );
    assert_eq!(
        page_title("/bulk", true),
        "Bulk changes – infoRouter Accounts"
    );
    assert_eq!(page_title("/nowhere", true), "infoRouter Accounts");
}

#[wasm_bindgen_test]
fn a_user_page_opened_at_details_needs_no_section_chunk() {
    use crate::routes::user_sections::Section;
    let on_demand: Vec<Section> = Section::ALL.into_iter().filter(|s| s.on_demand()).collect();
    assert_eq!(on_demand, [Section::Access, Section::HandOver]);
    for s in on_demand {
        assert!(
            !s.visible_in(Section::Details),
            "{s:?} shows on the page's own address, so opening any user page would fetch its chunk"
        );
        assert!(s.visible_in(s));
    }
}

#[wasm_bindgen_test]
fn each_admin_address_has_its_screen() {
    use crate::shell::admin::AdminScreen::{self, *};
    let at = |path| AdminScreen::at(Some(path));
    assert_eq!(at("/users"), Users);
    assert_eq!(
        at("/users/"),
        Users,
        "one trailing slash is the same address"
    );
    assert_eq!(at("/users/jdoe"), User);
    assert_eq!(
        at("/users/a%2Fb/access"),
        User,
        "an encoded / is part of the name"
    );
    assert_eq!(at("/users/jdoe/access/"), User);
    assert_eq!(at("/users/jdoe/access/more"), NotFound);
    assert_eq!(at("/users//access"), NotFound, "a user page needs a name");
    assert_eq!(at("/new-user"), NewUser);
    assert_eq!(at("/bulk/"), Bulk);
    assert_eq!(at("/bulky"), NotFound);
    assert_eq!(at("/"), NotFound);
    assert_eq!(AdminScreen::at(None), NotFound, "outside the base path");
}
