//! A table that renders only the rows in view, so 10,000 rows scroll without freezing the
//! page. Rows have one fixed height; spacer rows stand in for the rest.

use leptos::prelude::*;

// Whole pixels: formatting an f64 links float printing (9.5 KB of wasm) for these two numbers.
const ROW_HEIGHT_PX: usize = 40;
const VIEWPORT_PX: usize = 480;
const OVERSCAN: usize = 8;

#[component]
pub fn VirtualTable<R, V>(
    /// The table's accessible name.
    label: &'static str,
    /// Column headings.
    columns: Vec<&'static str>,
    /// Which rows to show (indices into the caller's data), in order.
    #[prop(into)]
    rows: Signal<Vec<usize>>,
    /// Bumped when row contents change.
    #[prop(into)]
    version: Signal<u64>,
    /// Renders the cells of one row.
    render: R,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView
where
    R: Fn(usize) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0_usize);
    let window = Memo::new(move |_| {
        let n = rows.with(Vec::len);
        let first = (scroll_top.get() / ROW_HEIGHT_PX)
            .saturating_sub(OVERSCAN)
            .min(n);
        let last = (first + VIEWPORT_PX / ROW_HEIGHT_PX + 2 * OVERSCAN).min(n);
        (first, last, n)
    });
    let visible = move || {
        version.track();
        let (first, last, _) = window.get();
        rows.with(|r| {
            r[first..last]
                .iter()
                .copied()
                .enumerate()
                .map(|(k, i)| (first + k, i))
                .collect::<Vec<_>>()
        })
    };
    let columns_count = columns.len();
    view! {
        <div class="virtual" id=id tabindex="0" role="region" aria-label=label
            on:scroll=move |ev| scroll_top.set(event_target::<web_sys::Element>(&ev).scroll_top().max(0) as usize)>
            <table class="users bulk-table" aria-label=label aria-rowcount=move || window.get().2 + 1>
                <thead><tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr></thead>
                <tbody>
                    <tr aria-hidden="true" style:height=move || format!("{}px", window.get().0 * ROW_HEIGHT_PX)><td colspan=columns_count></td></tr>
                    {move || {
                        let render = render.clone();
                        visible().into_iter().map(move |(pos, i)| view! { <tr class="vrow" aria-rowindex=pos + 2>{render(i)}</tr> }).collect_view()
                    }}
                    <tr aria-hidden="true" style:height=move || { let (_, last, n) = window.get(); format!("{}px", (n - last) * ROW_HEIGHT_PX) }><td colspan=columns_count></td></tr>
                </tbody>
            </table>
        </div>
    }
}
