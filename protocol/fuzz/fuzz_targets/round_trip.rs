//! What the console writes reads back exactly: form encoding, SOAP envelopes and preferences XML.
#![no_main]

use inforouter_protocol::encode::{decode_component, encode_component};
use inforouter_protocol::xml::is_xml_representable;
use inforouter_protocol::Preferences;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    assert_eq!(decode_component(&encode_component(text)).unwrap(), text);
    if is_xml_representable(text) {
        let (a, b) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
        let p = Preferences { language: Some(a.to_string()), default_portal: Some(b.to_string()), ..Default::default() };
        assert_eq!(Preferences::from_xml(&p.to_xml()).unwrap(), p);
        let envelope = inforouter_protocol::soap::envelope("UpdateUserEmail", &[("NewEmailAddress", text.to_string())]);
        let doc = inforouter_protocol::xml::parse_document(&envelope).unwrap();
        assert_eq!(doc.child("Body").unwrap().children[0].children[0].text, text);
    }
});
