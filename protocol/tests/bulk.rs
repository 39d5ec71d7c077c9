//! Property tests of bulk planning: any sheet a CSV writer produces reads back cell for cell,
//! and planning never panics whatever the cells hold.

use std::collections::HashMap;

use inforouter_protocol::User;
use inforouter_protocol::bulk::{Column, Current, RowState, parse_csv, plan, template_csv};
use proptest::prelude::*;

fn write(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(Column::ALL.iter().map(|c| c.header()))
        .unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn cells() -> impl Strategy<Value = Vec<Vec<String>>> {
    // A non-blank first cell: blank lines are not rows.
    let row = (
        r"[a-z][a-z0-9._ ]{0,12}",
        proptest::collection::vec(any::<String>(), 14),
    )
        .prop_map(|(name, mut rest)| {
            rest.insert(0, name);
            rest
        });
    proptest::collection::vec(row, 1..20)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn written_sheets_read_back(rows in cells()) {
        let sheet = parse_csv(&write(&rows)).unwrap();
        prop_assert_eq!(sheet.rows.len(), rows.len());
        for (read, written) in sheet.rows.iter().zip(&rows) {
            let expected: Vec<String> = written.iter().map(|c| c.trim_end_matches('\r').to_string()).collect();
            prop_assert_eq!(&read.cells, &expected);
        }
    }

    #[test]
    fn planning_never_panics(rows in cells(), known in proptest::collection::vec(r"[a-z][a-z0-9._ ]{0,12}", 0..10), complete in any::<bool>()) {
        let users: HashMap<String, User> = known
            .into_iter()
            .map(|n| (n.to_lowercase(), User { user_name: n, email: "a@b.c".into(), ..Default::default() }))
            .collect();
        let sheet = parse_csv(&write(&rows)).unwrap();
        let plans = plan(&sheet, &Current { users: &users, complete });
        prop_assert_eq!(plans.len(), rows.len());
        for p in plans {
            if let RowState::Invalid(_) = p.state {
                prop_assert!(p.steps.is_empty(), "invalid rows send nothing");
            }
        }
    }
}

#[test]
fn the_template_plans_cleanly() {
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
        },
    );
    assert!(
        plans.iter().all(|p| p.state == RowState::Change),
        "{plans:?}"
    );
}
