//! Property tests of bulk CSVs: any sheet a CSV writer produces reads back cell for cell; the
//! console's own CSVs (template, results) hold no cell a spreadsheet would run as a formula and
//! read back to exactly what was written; planning never panics whatever the cells hold.

use std::collections::HashMap;

use inforouter_protocol::User;
use inforouter_protocol::bulk::accounts::Action;
use inforouter_protocol::bulk::sheet::{FORMULA_TRIGGERS, TEXT_PREFIX, write_row};
use inforouter_protocol::bulk::{
    Column, Current, FieldChange, Outcome, RowPlan, RowState, parse_csv, plan, results_csv,
    template_csv,
};
use inforouter_protocol::password_policy::PasswordPolicy;
use proptest::prelude::*;

/// A sheet as another program (a spreadsheet, a script) writes it: no neutralising.
fn write(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(Column::ALL.iter().map(|c| c.header()))
        .unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// The same sheet as the console writes it.
fn write_neutralised(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    write_row(&mut out, Column::ALL.iter().map(|c| c.header()));
    for r in rows {
        write_row(&mut out, r);
    }
    out
}

/// Every field as a spreadsheet reads it: split at the commas outside quotes, quotes taken off.
fn fields(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn starts_formula(cell: &str) -> bool {
    cell.starts_with(FORMULA_TRIGGERS)
}

/// Any string, often one that starts the way formulas, negative numbers, phone numbers and
/// text prefixes do.
fn value() -> impl Strategy<Value = String> {
    let start = prop_oneof![
        Just(""),
        Just("="),
        Just("+"),
        Just("-"),
        Just("@"),
        Just("\t"),
        Just("\r"),
        Just("'"),
        Just("''"),
        Just("'="),
        Just("'+"),
        Just("'''@"),
        Just(" ="),
        Just("\u{FF1D}"),
        Just("\"="),
        Just("=HYPERLINK(\"http://attacker.example/\",\"open\")"),
        Just("+15551234567"),
    ];
    (start, any::<String>()).prop_map(|(s, rest)| format!("{s}{rest}"))
}

fn cells() -> impl Strategy<Value = Vec<Vec<String>>> {
    // An action, then a non-blank user name (blank lines are not rows), then anything.
    let action = prop_oneof![
        Just(String::new()),
        Just("create".to_string()),
        Just("delete".to_string()),
        Just("update".to_string()),
        any::<String>(),
    ];
    let row = (
        action,
        r"[a-z][a-z0-9._ ]{0,12}",
        proptest::collection::vec(any::<String>(), Column::ALL.len() - 2),
    )
        .prop_map(|(action, name, mut rest)| {
            rest.splice(0..0, [action, name]);
            rest
        });
    proptest::collection::vec(row, 1..20)
}

/// Rows of any values, never all blank (a blank line is not a row).
fn any_cells() -> impl Strategy<Value = Vec<Vec<String>>> {
    let row = proptest::collection::vec(value(), Column::ALL.len())
        .prop_filter("a blank row is no row", |r| {
            r.iter().any(|c| !c.trim().is_empty())
        });
    proptest::collection::vec(row, 1..12)
}

fn outcome() -> impl Strategy<Value = Option<Outcome>> {
    prop_oneof![
        Just(None),
        Just(Some(Outcome::Changed)),
        Just(Some(Outcome::Unchanged)),
        (value(), proptest::option::of(value())).prop_map(|(reason, detail)| Some(
            Outcome::Failed {
                step: Some("UpdateUserEmail"),
                reason,
                detail,
            }
        )),
        value().prop_map(|reason| Some(Outcome::Skipped { reason })),
    ]
}

fn result_rows() -> impl Strategy<Value = Vec<(RowPlan, Option<Outcome>)>> {
    let row = (
        value(),
        proptest::collection::vec((value(), value()), 0..3),
        outcome(),
    )
        .prop_map(|(user_name, changes, outcome)| {
            let plan = RowPlan {
                line: 2,
                action: Action::Update,
                user_name,
                steps: Vec::new(),
                changes: changes
                    .into_iter()
                    .map(|(old, new)| FieldChange {
                        column: Column::LastName,
                        old,
                        new,
                    })
                    .collect(),
                state: RowState::Change,
            };
            (plan, outcome)
        });
    proptest::collection::vec(row, 1..10)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A file from elsewhere reads back cell for cell, but for the one documented rule: a
    /// leading `'` before a formula trigger or another `'` is a text prefix, taken off.
    #[test]
    fn written_sheets_read_back(rows in cells()) {
        let sheet = parse_csv(&write(&rows)).unwrap();
        prop_assert_eq!(sheet.rows.len(), rows.len());
        for (read, written) in sheet.rows.iter().zip(&rows) {
            let expected: Vec<&str> = written
                .iter()
                .map(|c| match c.strip_prefix(TEXT_PREFIX) {
                    Some(rest) if starts_formula(rest) || rest.starts_with(TEXT_PREFIX) => rest,
                    _ => c.as_str(),
                })
                .collect();
            prop_assert_eq!(&read.cells, &expected);
        }
    }

    /// (a) No cell the console writes starts, as a spreadsheet reads it, with a formula trigger.
    #[test]
    fn no_written_cell_is_a_formula(rows in any_cells()) {
        for record in fields(&write_neutralised(&rows)) {
            for cell in record {
                prop_assert!(!starts_formula(&cell), "{:?}", cell);
            }
        }
    }

    /// (b) What the console writes, its reader gives back exactly, for any strings.
    #[test]
    fn neutralised_sheets_read_back_exactly(rows in any_cells()) {
        let sheet = parse_csv(&write_neutralised(&rows)).unwrap();
        prop_assert_eq!(sheet.rows.len(), rows.len());
        for (read, written) in sheet.rows.iter().zip(&rows) {
            prop_assert_eq!(&read.cells, written);
        }
    }

    /// Both, for the results download: no formula anywhere, and the names, reasons and details
    /// read back as they were.
    #[test]
    fn results_hold_no_formula_and_read_back(rows in result_rows()) {
        let text = results_csv(&rows);
        let raw = fields(&text);
        prop_assert_eq!(raw.len(), rows.len() + 1);
        for record in &raw {
            prop_assert_eq!(record.len(), 8);
            for cell in record {
                prop_assert!(!starts_formula(cell), "{:?}", cell);
            }
        }
        let sheet = parse_csv(&text).unwrap();
        prop_assert_eq!(&sheet.headers[..], &["line", "user_name", "final_user_name", "result", "operation", "reason", "detail", "changes"][..]);
        prop_assert_eq!(sheet.index_of(Column::UserName), Some(1));
        // A row whose every cell is blank is no row; here "line" never is.
        prop_assert_eq!(sheet.rows.len(), rows.len());
        for (read, (plan, outcome)) in sheet.rows.iter().zip(&rows) {
            prop_assert_eq!(&read.cells[1], &plan.user_name);
            if let Some(Outcome::Failed { reason, detail, .. }) = outcome {
                prop_assert_eq!(&read.cells[5], reason);
                prop_assert_eq!(&read.cells[6], detail.as_deref().unwrap_or(""));
            }
            if let [change] = &plan.changes[..] {
                prop_assert_eq!(&read.cells[7], &format!("last_name: {} → {}", change.old, change.new));
            }
        }
    }

    #[test]
    fn planning_never_panics(rows in cells(), known in proptest::collection::vec(r"[a-z][a-z0-9._ ]{0,12}", 0..10), complete in any::<bool>()) {
        let users: HashMap<String, User> = known
            .into_iter()
            .map(|n| (n.to_lowercase(), User { user_name: n, email: "a@b.c".into(), ..Default::default() }))
            .collect();
        let sheet = parse_csv(&write(&rows)).unwrap();
        let plans = plan(&sheet, &Current {
                users: &users,
                complete,
                signed_in: "admin",
                policy: &PasswordPolicy::default(),
                directory: None,
            });
        prop_assert_eq!(plans.len(), rows.len());
        for p in plans {
            if let RowState::Invalid(_) = p.state {
                prop_assert!(p.steps.is_empty(), "invalid rows send nothing");
            }
        }
    }
}

#[test]
fn a_formula_in_a_last_name_is_text_in_the_results() {
    let attack = "=HYPERLINK(\"http://attacker.example/\",\"open\")";
    let plan = RowPlan {
        line: 2,
        action: Action::Update,
        user_name: "jdoe".into(),
        steps: Vec::new(),
        changes: Vec::new(),
        state: RowState::Change,
    };
    let text = results_csv(&[(
        plan,
        Some(Outcome::Failed {
            step: Some("UpdateUserProfile"),
            reason: attack.into(),
            detail: Some("-1+1".into()),
        }),
    )]);
    let line = text.lines().nth(1).unwrap();
    assert!(
        line.contains(r#","'=HYPERLINK(""http://attacker.example/"",""open"")","'-1+1","#),
        "{line}"
    );
    let mobile = parse_csv(&{
        let mut out = String::new();
        write_row(&mut out, ["user_name", "mobile"]);
        write_row(&mut out, ["jdoe", "+15551234567"]);
        out
    })
    .unwrap();
    assert_eq!(mobile.rows[0].cells, ["jdoe", "+15551234567"]);
}

#[test]
fn the_template_has_no_formula_and_reads_back() {
    let text = template_csv();
    let raw = fields(&text);
    assert!(raw.iter().flatten().all(|c| !starts_formula(c)));
    let sheet = parse_csv(&text).unwrap();
    assert_eq!(sheet.rows.len(), raw.len() - 1);
    for (read, raw) in sheet.rows.iter().zip(&raw[1..]) {
        assert_eq!(&read.cells, raw);
    }
}

#[test]
fn the_template_plans_its_examples_and_creates_no_one_unfilled() {
    let users: HashMap<String, User> = ["jdoe", "leaving.user"]
        .into_iter()
        .map(|n| {
            (
                n.to_string(),
                User {
                    user_name: n.into(),
                    email: "old@example.com".into(),
                    enabled: true,
                    ..Default::default()
                },
            )
        })
        .collect();
    let plans = plan(
        &parse_csv(&template_csv()).unwrap(),
        &Current {
            users: &users,
            complete: true,
            signed_in: "admin",
            policy: &PasswordPolicy::default(),
            directory: None,
        },
    );
    assert!(
        plans[..2].iter().all(|p| p.state == RowState::Change),
        "{plans:?}"
    );
    // The new user's row waits for a password to be filled in: sent back as it is, it
    // creates no account.
    assert!(
        matches!(&plans[2].state, RowState::Invalid(r) if r.join(" ").contains("needs a first password")),
        "{:?}",
        plans[2]
    );
}
