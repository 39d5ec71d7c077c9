//! Exact percent-encoding for query strings and `application/x-www-form-urlencoded` bodies.
//! Everything but RFC 3986 unreserved characters is escaped, so `+` is `%2B` (a raw `+` would
//! arrive as a space) and a space is `%20` (unambiguous for every decoder).

const HEX: &[u8; 16] = b"0123456789ABCDEF";

pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[(byte >> 4) as usize] as char);
            out.push(HEX[(byte & 0xF) as usize] as char);
        }
    }
    out
}

/// `name=value&name=value`, each part encoded.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(name, value)| format!("{}={}", encode_component(name), encode_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Form decoding as a server does it (`+` is a space). Used to check the encoder and to read
/// the console's own URL state; invalid escapes are an error, not a guess.
pub fn decode_component(encoded: &str) -> Result<String, String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| format!("bad percent escape at {i}"))?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "escapes do not form UTF-8".to_string())
}

/// Splits `a=1&b=2` into decoded pairs.
pub fn decode_pairs(encoded: &str) -> Result<Vec<(String, String)>, String> {
    encoded
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            Ok((decode_component(name)?, decode_component(value)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_matters() {
        assert_eq!(encode_component("+15551234567"), "%2B15551234567");
        assert_eq!(encode_component("a&b=c%d e"), "a%26b%3Dc%25d%20e");
        assert_eq!(
            encode_component("john.doe@example.com"),
            "john.doe%40example.com"
        );
        assert_eq!(encode_component("Zoë\n"), "Zo%C3%AB%0A");
        assert_eq!(encode_component("A-z_0.9~"), "A-z_0.9~");
    }

    #[test]
    fn pairs_round_trip() {
        let body = encode_pairs([("UserName", "o'brien & co"), ("x", "")]);
        assert_eq!(body, "UserName=o%27brien%20%26%20co&x=");
        assert_eq!(
            decode_pairs(&body).unwrap(),
            vec![
                ("UserName".into(), "o'brien & co".into()),
                ("x".into(), "".into())
            ]
        );
    }

    #[test]
    fn decoding_reads_plus_as_space_and_rejects_bad_escapes() {
        assert_eq!(decode_component("a+b").unwrap(), "a b");
        assert!(decode_component("%G1").is_err());
        assert!(decode_component("%4").is_err());
        assert!(decode_component("%FF").is_err());
    }
}
