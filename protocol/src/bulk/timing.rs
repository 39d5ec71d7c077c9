//! How the bulk page words the times it measures. Through integers only: formatting an `f64`
//! links the float printer (9.5 KB of the administrators' wasm) for three numbers.

/// Milliseconds, rounded to a whole number ("Read 10000 rows in 38 ms.").
pub fn whole_ms(ms: f64) -> u64 {
    ms.max(0.0).round() as u64
}

/// Milliseconds as seconds with one decimal ("in 2.4 s").
pub fn seconds(ms: f64) -> String {
    let tenths = whole_ms(ms / 100.0);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A time left, to the second: "45 s", "2 min 5 s".
pub fn duration(ms: f64) -> String {
    let s = whole_ms(ms / 1000.0);
    if s >= 60 {
        format!("{} min {} s", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_the_float_printer_would_print_them() {
        for ms in [0.0, 49.9, 50.0, 949.0, 950.0, 1234.5, 61_049.0, 3_600_000.0] {
            assert_eq!(
                seconds(ms),
                format!("{:.1}", (ms / 100.0).round() / 10.0),
                "{ms}"
            );
            assert_eq!(
                whole_ms(ms).to_string(),
                format!("{:.0}", ms.round()),
                "{ms}"
            );
        }
        assert_eq!(seconds(-5.0), "0.0");
    }

    #[test]
    fn a_duration_is_in_seconds_then_minutes() {
        assert_eq!(duration(0.0), "0 s");
        assert_eq!(duration(59_499.0), "59 s");
        assert_eq!(duration(59_500.0), "1 min 0 s");
        assert_eq!(duration(125_000.0), "2 min 5 s");
    }
}
