//! Property tests for the hand-over calls: statistics and listings read back exactly what a
//! server writes, whatever the names hold; the transfer kinds are named one to one; paging
//! always ends having read every row once.

use inforouter_protocol::handover::TransferKind;
use inforouter_protocol::holdings::*;
use inforouter_protocol::paging::next_starting_row;
use inforouter_protocol::user_statistics::{Counter, UserStatistics};
use inforouter_protocol::xml::{escape_attribute, is_xml_representable};
use inforouter_protocol::*;
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

/// XML special characters, non-ASCII, spaces and line breaks at either end.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>().prop_filter("XML 1.0 can carry it", |s| is_xml_representable(s)),
        r#"[<>&"' \t\r\nÄöü€日本語🙂\\/]{0,12}"#,
    ]
}

fn id() -> impl Strategy<Value = String> {
    "[0-9]{1,9}"
}

/// `<name a="v" .../>` for the space-separated attribute `names` and their values, leaving
/// out the values that are `None`.
fn row(name: &str, names: &str, values: Vec<Option<String>>) -> String {
    let written: String = names
        .split(' ')
        .zip(values)
        .filter_map(|(k, v)| v.map(|v| format!(" {k}=\"{}\"", escape_attribute(&v))))
        .collect();
    format!("<{name}{written}/>")
}

/// A document row leaves out what it has nothing to say about, as the two listings differ.
fn document_xml(d: &DocumentRef) -> String {
    let document = [&d.id, &d.name, &d.path, &d.domain_id];
    let by_whom = [&d.modification_date, &d.author_name, &d.checked_out_by];
    let given = |t: &&String| (!t.is_empty()).then(|| t.to_string());
    let mut values: Vec<_> = document.iter().chain(&by_whom).map(given).collect();
    values.push(d.size.map(|s| s.to_string()));
    values.push(d.view_status.map(|v| v.wire().to_string()));
    let names = "id name path domainid modificationDate publishedVersionAuthorName checkedoutby \
                 size UserViewStatus";
    row("document", names, values)
}

fn folder_xml(f: &FolderRef) -> String {
    let folder = [&f.id, &f.name, &f.path];
    let library_and_owner = [&f.domain_id, &f.owner_id, &f.owner_name];
    let values = folder.iter().chain(&library_and_owner);
    let values = values.map(|t| Some(t.to_string())).collect();
    row("folder", "id name path domainid ownerid ownername", values)
}

fn role_xml(r: &WorkflowRole) -> String {
    let task = [&r.task_def_id, &r.task_name, &r.flow_def_id, &r.flow_name];
    let supervisor = [&r.supervisor_id, &r.supervisor_name];
    let mut values: Vec<_> = task
        .iter()
        .chain(&supervisor)
        .map(|t| Some(t.to_string()))
        .collect();
    values.push(r.step_number.map(|n| n.to_string()));
    let names = "TaskDefId TaskName FlowDefId FlowName SupervisorId SupervisorName StepNumber";
    row("WorkflowRole", names, values)
}

fn document() -> impl Strategy<Value = DocumentRef> {
    let status = prop_oneof![
        Just(ViewStatus::NeverViewed),
        Just(ViewStatus::ChangedSinceViewed),
        Just(ViewStatus::Viewed)
    ];
    (
        (id(), hostile(), hostile(), id(), of(any::<u64>())),
        ("[0-9T:-]{0,19}", hostile(), hostile(), of(status)),
    )
        .prop_map(
            |((id, name, path, domain_id, size), (date, author, by, seen))| DocumentRef {
                id,
                name,
                path,
                domain_id,
                size,
                modification_date: date,
                author_name: author,
                checked_out_by: by,
                view_status: seen,
            },
        )
}

fn folder() -> impl Strategy<Value = FolderRef> {
    (id(), hostile(), hostile(), id(), id(), hostile()).prop_map(
        |(id, name, path, domain_id, owner_id, owner_name)| FolderRef {
            id,
            name,
            path,
            domain_id,
            owner_id,
            owner_name,
        },
    )
}

fn role() -> impl Strategy<Value = WorkflowRole> {
    (
        (id(), hostile(), id(), hostile()),
        (of(any::<u32>()), id(), hostile()),
    )
        .prop_map(
            |((task_def_id, task_name, flow_def_id, flow_name), (step, sup_id, sup))| {
                WorkflowRole {
                    task_def_id,
                    task_name,
                    flow_def_id,
                    flow_name,
                    step_number: step,
                    supervisor_id: sup_id,
                    supervisor_name: sup,
                }
            },
        )
}

fn decoded<O: Operation>(body: &str) -> O::Output {
    decode::<O>(200, body.as_bytes()).unwrap_or_else(|e| panic!("{}: {e:?}\n{body}", O::NAME))
}

/// What `O` reads from `rows` written between `around`'s opening and closing text.
fn read_back<O: Operation, T>(around: [&str; 2], rows: &[T], write: fn(&T) -> String) -> O::Output {
    let written: String = rows.iter().map(write).collect();
    decoded::<O>(&format!("{}{written}{}", around[0], around[1]))
}

const RESPONSE: [&str; 2] = [r#"<response success="true">"#, "</response>"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn statistics_read_back_whatever_the_padding_and_the_gaps(
        values in vec(any::<u64>(), Counter::ALL.len()),
        written in vec(any::<bool>(), Counter::ALL.len()),
        pad in "[ \t\r\n]{0,3}",
        unknown in hostile(),
    ) {
        let mut expected = UserStatistics::default();
        let mut xml = String::from(r#"<root success="true"><UserStatistics>"#);
        for ((&counter, &value), &write) in Counter::ALL.iter().zip(&values).zip(&written) {
            if write {
                expected.set(counter, value);
                xml.push_str(&format!("<{0}>{pad}{value}{pad}</{0}>", counter.element_name()));
            }
        }
        // A counter this client does not know, holding anything, is passed over.
        xml.push_str(&format!("<NewCounter a=\"{}\"/></UserStatistics></root>", escape_attribute(&unknown)));
        prop_assert_eq!(decoded::<GetUserStatistics>(&xml), expected);
    }

    #[test]
    fn owned_documents_read_back(documents in vec(document(), 0..5)) {
        let read = read_back::<GetDocumentsOwnedByUser, _>(RESPONSE, &documents, document_xml);
        prop_assert_eq!(read, documents);
    }

    #[test]
    fn checked_out_documents_read_back(documents in vec(document(), 0..5), total in of(any::<u64>())) {
        let count = total.map(|t| format!(r#" totalcount="{t}""#)).unwrap_or_default();
        let open = format!(r#"<root success="true"{count}>"#);
        let read = read_back::<GetCheckedoutDocumentsByUser, _>([&open, "</root>"], &documents, document_xml);
        prop_assert_eq!(read, CheckedOutPage { total, documents });
    }

    #[test]
    fn owned_folders_read_back(folders in vec(folder(), 0..5)) {
        prop_assert_eq!(read_back::<GetFoldersOwnedByUser, _>(RESPONSE, &folders, folder_xml), folders);
    }

    #[test]
    fn workflow_roles_read_back(roles in vec(role(), 0..5)) {
        let around = [r#"<response success="true"><WorkflowRoles>"#, "</WorkflowRoles></response>"];
        prop_assert_eq!(read_back::<GetUsersWorkflowRoles, _>(around, &roles, role_xml), roles);
    }

    #[test]
    fn a_kind_is_found_again_by_its_operation_name(kind in proptest::sample::select(TransferKind::ALL), lower in any::<bool>(), pad in "[ \t]{0,2}") {
        let name = kind.operation_name();
        let asked = if lower { name.to_ascii_lowercase() } else { name.to_string() };
        prop_assert_eq!(TransferKind::from_operation_name(&format!("{pad}{asked}{pad}")), Some(kind));
        prop_assert!(name.starts_with("TransferUser"));
    }

    #[test]
    fn paging_reads_every_row_once_and_ends(rows in 0usize..2_000, size in 1u32..300, known_total in any::<bool>()) {
        let total = known_total.then_some(rows as u64);
        let (mut next, mut seen, mut requests) = (Some(0u32), 0usize, 0usize);
        while let Some(start) = next {
            let page = rows.saturating_sub(start as usize).min(size as usize);
            seen += page;
            requests += 1;
            prop_assert!(requests <= rows + 1, "never ends");
            next = next_starting_row(start, size, page, total);
        }
        prop_assert_eq!(seen, rows);
    }

    #[test]
    fn hostile_answers_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode::<GetUserStatistics>(200, &body);
        let _ = decode::<GetCheckedoutDocumentsByUser>(200, &body);
        let _ = decode::<GetUsersWorkflowRoles>(200, &body);
        let _ = decode::<inforouter_protocol::handover::TransferUserWork<inforouter_protocol::handover::kinds::Tasks>>(200, &body);
    }
}

#[test]
fn every_kind_has_its_own_operation_name_and_label() {
    let mut names: Vec<_> = TransferKind::ALL
        .iter()
        .map(|k| k.operation_name())
        .collect();
    let mut labels: Vec<_> = TransferKind::ALL.iter().map(|k| k.label()).collect();
    names.sort_unstable();
    names.dedup();
    labels.sort_unstable();
    labels.dedup();
    assert_eq!((names.len(), labels.len()), (13, 13));
    assert_eq!(TransferKind::from_operation_name("TransferUser"), None);
    assert_eq!(TransferKind::from_operation_name("GetUserStatistics"), None);
}
