//! The report of the bundled example and of roadmaps made here: its figures
//! against the core's rollup, its Markdown as snapshots (English and
//! French), its HTML self-contained and laid out for its language.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly.

use roadmap_core::{Date, Initiative, Roadmap, Status};
use roadmap_report::{Lang, ReportFormat, ReportOptions, render};

fn example() -> Roadmap {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/itu-transformation.json");
    Roadmap::from_json_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn report(roadmap: &Roadmap, format: ReportFormat, lang: Lang) -> String {
    let options = ReportOptions {
        format,
        lang,
        source: Some("examples/itu-transformation.json".into()),
        ..ReportOptions::default()
    };
    render(roadmap, &options).unwrap()
}

#[test]
fn markdown_of_the_bundled_example() {
    let rm = example();
    insta::assert_snapshot!("example_en", report(&rm, ReportFormat::Markdown, Lang::En));
    insta::assert_snapshot!("example_fr", report(&rm, ReportFormat::Markdown, Lang::Fr));
}

/// The value of `data-figure="name"` in the page.
fn figure(html: &str, name: &str) -> String {
    let at = html.find(&format!("data-figure=\"{name}\">")).unwrap_or_else(|| panic!("no figure {name}"));
    let rest = &html[at..];
    let start = rest.find('>').unwrap() + 1;
    rest[start..start + rest[start..].find('<').unwrap()].to_owned()
}

#[test]
fn the_headline_is_the_rollup() {
    let rm = example();
    let rollup = rm.rollup();
    let html = report(&rm, ReportFormat::Html, Lang::En);
    assert_eq!(figure(&html, "total"), rollup.total.to_string());
    assert_eq!(figure(&html, "completed"), rollup.by_status.completed.to_string());
    assert_eq!(figure(&html, "ongoing"), rollup.by_status.ongoing.to_string());
    assert_eq!(figure(&html, "planned"), rollup.by_status.planned.to_string());
    assert_eq!(figure(&html, "revised"), rollup.by_status.revised.to_string());
    let rate = rollup.completion_rate.map(|r| format!("{}%", (r * 100.0).round())).unwrap();
    assert_eq!(figure(&html, "completion-rate"), rate);
    for pillar in &rollup.by_pillar {
        let row = format!("<tr data-group=\"{}\">", pillar.name);
        assert!(html.contains(&row), "{}", pillar.name);
        let at = html.find(&row).unwrap();
        let cells = &html[at..at + html[at..].find("</tr>").unwrap()];
        assert!(cells.contains(&format!("data-status=\"total\">{}<", pillar.total)), "{cells}");
        assert!(cells.contains(&format!("data-status=\"completed\">{}<", pillar.counts.completed)), "{cells}");
    }
}

#[test]
fn the_page_is_self_contained() {
    let html = report(&example(), ReportFormat::Html, Lang::En);
    // The SVG namespace is a name, not a request.
    let stripped = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for request in ["http://", "https://", "<link", " src=", "@import", "url(", "@font-face"] {
        assert!(!stripped.contains(request), "{request}");
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert_eq!(html, report(&example(), ReportFormat::Html, Lang::En), "same input, same bytes");
}

#[test]
fn every_language_labels_the_page_and_arabic_reads_right_to_left() {
    let rm = example();
    for lang in Lang::ALL {
        let html = report(&rm, ReportFormat::Html, lang);
        let dir = if lang == Lang::Ar { "rtl" } else { "ltr" };
        assert!(html.contains(&format!("<html lang=\"{}\" dir=\"{dir}\">", lang.as_str())), "{lang:?}");
        // The data is never translated.
        assert!(html.contains(&rm.initiatives[0].title), "{lang:?}");
    }
    assert!(report(&rm, ReportFormat::Html, Lang::Ar).contains("مكتملة"));
    // The as-of date in prose as each language writes it; ISO for machines.
    let dated = Roadmap { as_of: Some(Date::new(2026, 3, 1).unwrap()), ..rm };
    let page = |lang| render(&dated, &ReportOptions { lang, ..ReportOptions::default() }).unwrap();
    for (lang, written) in [
        (Lang::En, "1 March 2026"),
        (Lang::Fr, "1 mars 2026"),
        (Lang::Es, "1 de marzo de 2026"),
        (Lang::Zh, "2026年3月1日"),
        (Lang::Ru, "1 марта 2026 г."),
    ] {
        assert!(
            page(lang).contains(&format!("<time datetime=\"2026-03-01\" data-figure=\"as-of\">{written}</time>")),
            "{lang:?}"
        );
    }
}

#[test]
fn a_large_roadmap_shows_the_first_rows_and_says_how_to_get_the_rest() {
    // Every one in one priority area (so in the annex), none with a status.
    let initiatives = (0..1500)
        .map(|i| {
            let mut ini = Initiative::new(format!("I-{i}"), format!("Initiative {i}"));
            ini.priority_area = Some("area".into());
            ini
        })
        .collect();
    let areas = vec![roadmap_core::PriorityArea { id: "area".into(), name: "Area".into(), description: None }];
    let rm = Roadmap { initiatives, priority_areas: areas, ..Roadmap::default() };
    let html = render(&rm, &ReportOptions::default()).unwrap();
    assert_eq!(html.matches("\" data-pillar=").count(), roadmap_report::TABLE_ROWS);
    assert!(figure(&html, "truncated").contains("1000 of 1500"));
    assert!(figure(&html, "truncated").contains("roadmap convert --to csv"));
    assert_eq!(html.matches("<tr class=\"\" id=\"i-").count(), roadmap_report::TABLE_ROWS, "the annex too");
    // 1,500 missing statuses: the first 100 listed, the rest counted.
    assert_eq!(html.matches("the initiative has no status").count(), 100, "listed");
    assert!(html.contains("and 1400 more: `roadmap validate` lists them all."));
}

#[test]
fn progress_since_the_last_report() {
    let mut old = Roadmap::default();
    let mut a = Initiative::new("A-1", "Portal");
    a.status = Some(Status::Planned);
    a.progress = Some(0.0);
    old.initiatives.push(a.clone());
    old.as_of = Some(Date::new(2025, 6, 1).unwrap());
    let mut new = old.clone();
    new.as_of = Some(Date::new(2025, 12, 1).unwrap());
    new.initiatives[0].status = Some(Status::Ongoing);
    new.initiatives[0].progress = Some(40.0);
    new.initiatives.push(Initiative::new("A-2", "Archive"));
    let options = ReportOptions { format: ReportFormat::Markdown, since: Some(&old), ..ReportOptions::default() };
    let md = render(&new, &options).unwrap();
    assert!(md.contains("From 2025-06-01 to 2025-12-01"), "{md}");
    assert!(md.contains("| A-1 | Portal | Planned | Ongoing |"), "{md}");
    assert!(md.contains("| A-1 | Portal | 0% | 40% |"), "{md}");
    assert!(md.contains("- A-2 — Archive"), "{md}");
    // The headline's counts with their change: one planned became ongoing.
    assert!(md.contains("| Ongoing | 1 (+1) |") && md.contains("| Planned | 0 (−1) |"), "{md}");
}

#[test]
fn markdown_cells_keep_their_pipes_and_lines() {
    let mut rm = Roadmap::default();
    rm.initiatives.push(Initiative::new("A|1", "Two\nlines"));
    let md = render(&rm, &ReportOptions { format: ReportFormat::Markdown, ..ReportOptions::default() }).unwrap();
    assert!(md.contains("| A\\|1 | Two<br>lines |"), "{md}");
}

/// The notebook fragment draws the report's bars for any grouping, and the
/// deliverables per checkpoint.
#[test]
fn the_rollup_fragment() {
    use roadmap_core::rollup::GroupBy;
    let rm = example();
    let rollup = rm.rollup();
    let by_owner = roadmap_report::rollup_html(&rollup, GroupBy::Owner, Some("ITU"), Lang::En).unwrap();
    assert!(by_owner.contains("<b data-figure=\"total\">29</b>") && by_owner.contains("class=\"rm-bar\""));
    for owner in &rollup.by_owner {
        assert!(by_owner.contains(&format!("data-group=\"{}\"", owner.name)), "{}", owner.name);
    }
    let by_checkpoint = roadmap_report::rollup_html(&rollup, GroupBy::Checkpoint, None, Lang::Fr).unwrap();
    assert!(by_checkpoint.contains("data-table=\"checkpoint\"") && by_checkpoint.contains("Échéance"));
    assert!(!by_checkpoint.contains("rm-bar\""));
}
