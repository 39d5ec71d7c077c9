//! Offering text the console made (a results or report CSV) as a file download.

use inforouter_protocol::encode::encode_component;
use wasm_bindgen::JsCast;

/// Offers `text` as a CSV file named `name`.
pub fn save_text(name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let href = format!("data:text/csv;charset=utf-8,{}", encode_component(text));
    if let Ok(a) = document
        .create_element("a")
        .map(|e| e.unchecked_into::<web_sys::HtmlElement>())
    {
        let _ = a.set_attribute("href", &href);
        let _ = a.set_attribute("download", name);
        a.click();
    }
}
