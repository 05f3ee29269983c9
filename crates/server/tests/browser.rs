//! The web UI in real headless Chromium, driven over WebDriver (chromedriver + fantoccini).
//!
//! Skips with a message only when Chromium or chromedriver is genuinely absent; with
//! `CREDENCE_REQUIRE_BROWSER=1` (set by `.ci/run`) their absence fails the test instead.

mod common;

use common::browser::{session, wait_for_url};
use fantoccini::{Client, Locator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_search_credential_and_chart_in_chromium() {
    let (engine, _dir) = common::loaded_engine().await;
    let Some((c, base, _driver)) = session(engine).await else {
        return;
    };

    // The search page loads and a search returns results, CompTIA A+ first.
    c.goto(&format!("{base}/")).await.unwrap();
    let title = c.title().await.unwrap();
    assert!(title.contains("credence"), "title {title}");
    let input = c.find(Locator::Id("q")).await.unwrap();
    input.send_keys("comptia a plus").await.unwrap();
    c.find(Locator::Css("form.search button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_url(&c, "q=comptia").await;
    let first = c
        .wait()
        .for_element(Locator::Css("ol.hits li.hit a.hit-name"))
        .await
        .unwrap();
    assert_eq!(first.text().await.unwrap(), "CompTIA A+");
    let count = common::browser::text(&c, "#result-count").await;
    assert!(count.contains("result"), "{count}");

    // A facet narrows the results.
    c.goto(&format!("{base}/?q=nurse")).await.unwrap();
    let facet = c
        .find(Locator::XPath(
            "//section[@class='facet']//a[text()='License']",
        ))
        .await
        .unwrap();
    facet.click().await.unwrap();
    wait_for_url(&c, "type=License").await;
    let badges = c
        .wait()
        .for_element(Locator::Css("ol.hits .badge"))
        .await
        .unwrap();
    assert_eq!(badges.text().await.unwrap(), "License");

    // Two results picked from a search compare side by side.
    c.goto(&format!("{base}/?q=comptia")).await.unwrap();
    let boxes = c
        .find_all(Locator::Css("#compare-form input[type=checkbox]"))
        .await
        .unwrap();
    assert!(boxes.len() >= 2);
    boxes[0].click().await.unwrap();
    boxes[1].click().await.unwrap();
    c.find(Locator::Id("compare-button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_url(&c, "/compare").await;
    c.wait()
        .for_element(Locator::Css("table#compare"))
        .await
        .unwrap();
    let headers = c
        .find_all(Locator::Css("table#compare thead th a"))
        .await
        .unwrap();
    assert_eq!(headers.len(), 2, "one column per picked credential");
    let rows = c
        .find_all(Locator::Css("table#compare tbody tr"))
        .await
        .unwrap();
    assert!(rows.len() >= 8);

    // The credential page shows type, provenance and occupations.
    first_result_opens(&c, &base).await;

    // The occupation page renders the wage chart (an SVG with a box and a median line).
    c.goto(&format!("{base}/occupations/29-1141"))
        .await
        .unwrap();
    let chart = c
        .wait()
        .for_element(Locator::Css("#wage-chart svg"))
        .await
        .unwrap();
    let rect = c
        .find(Locator::Css("#wage-chart svg rect.box"))
        .await
        .unwrap();
    let width: f64 = rect.attr("width").await.unwrap().unwrap().parse().unwrap();
    assert!(width > 10.0, "box width {width}");
    let size = chart.rectangle().await.unwrap();
    assert!(
        size.2 > 100.0 && size.3 > 30.0,
        "chart is rendered with a visible size: {size:?}"
    );
    let ticks = c
        .find_all(Locator::Css("#wage-chart text.tick"))
        .await
        .unwrap();
    assert_eq!(ticks.len(), 5);

    c.close().await.unwrap();
}

async fn first_result_opens(c: &Client, base: &str) {
    c.goto(&format!("{base}/?q=occupational+therapy+assistant"))
        .await
        .unwrap();
    let link = c
        .wait()
        .for_element(Locator::Css("ol.hits li.hit a.hit-name"))
        .await
        .unwrap();
    link.click().await.unwrap();
    wait_for_url(c, "/credentials/").await;
    let h1 = c
        .wait()
        .for_element(Locator::Css("article.credential h1"))
        .await
        .unwrap();
    assert!(!h1.text().await.unwrap().is_empty());
    let body = common::browser::text(c, "main").await;
    assert!(body.contains("Where this comes from"));
    assert!(body.contains("Occupations it leads to"));
    let features = c
        .find_all(Locator::Css("#type-call table.features tbody tr"))
        .await
        .unwrap();
    assert_eq!(features.len(), 12, "the twelve defining features are shown");
}

/// Writes `n` dated postings per month for 30 months: CompTIA A+ required in most, preferred in
/// every fourth; returns the file and the expected (distinct, required, preferred) counts.
fn write_demand_postings(dir: &std::path::Path) -> (std::path::PathBuf, i64, i64, i64) {
    use std::fmt::Write as _;
    let states = [
        "Newark, NJ",
        "Austin, TX",
        "Denver, Colorado",
        "Remote - OH",
    ];
    let mut out = String::new();
    let (mut total, mut required, mut preferred) = (0, 0, 0);
    for m in 0..30 {
        let (year, month) = (2023 + m / 12, m % 12 + 1);
        let n = 12 + (m % 6) + m / 3; // a trend with a repeating wiggle
        for i in 0..n {
            let pref = i % 4 == 0;
            let level = if pref {
                "CompTIA A+ certification preferred."
            } else {
                "CompTIA A+ certification required."
            };
            // Each posting differs in its own words, so none is a near-duplicate of another.
            let text = format!(
                "Help desk technician {m}-{i} supports {} users across {} sites. {level} Ticket queue number {}.",
                40 + i * 7,
                3 + m,
                m * 1000 + i
            );
            let rec = serde_json::json!({
                "id": format!("p{m}-{i}"),
                "title": "Help Desk Technician",
                "text": text,
                "location": states[(i as usize) % states.len()],
                "date": format!("{year}-{month:02}-{:02}", 1 + i % 27),
                "employer": format!("Employer {}", i % 5),
            });
            writeln!(out, "{rec}").unwrap();
            total += 1;
            if pref {
                preferred += 1;
            } else {
                required += 1;
            }
        }
    }
    let path = dir.join("postings.jsonl");
    std::fs::write(&path, out).unwrap();
    (path, total, required, preferred)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_demand_section_forecast_band_and_explorer_in_chromium() {
    let (engine, dir) = common::loaded_engine().await;
    let (file, total, required, preferred) = write_demand_postings(dir.path());
    let report = engine
        .demand_ingest(
            &[file.as_path()],
            &credence_engine::RunOptions::default(),
            None,
            &credence_engine::NoProgress,
        )
        .await
        .expect("ingest");
    assert_eq!(report.files[0].summary.postings as i64, total);
    let hits = engine
        .search(&credence_engine::search::SearchQuery {
            text: "comptia a plus".into(),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    let id = hits.hits[0].id.clone();
    let Some((c, base, _driver)) = session(engine).await else {
        return;
    };

    // The credential page shows the demand section: totals, levels, chart with a forecast band.
    c.goto(&format!("{base}/credentials/{id}")).await.unwrap();
    let section = c
        .wait()
        .for_element(Locator::Css("section#demand"))
        .await
        .unwrap();
    let text = section.text().await.unwrap();
    assert!(
        text.contains(&format!("{total} distinct postings")),
        "{total} expected in: {text}"
    );
    assert!(text.contains(&format!("({required})")) && text.contains(&format!("({preferred})")));
    assert!(text.contains("2023-01 to 2025-06"), "{text}");
    let points = c
        .find_all(Locator::Css("section#demand svg.demand-chart circle.point"))
        .await
        .unwrap();
    assert_eq!(points.len(), 30, "one point per observed month");
    let band = c
        .find(Locator::Css("svg.demand-chart polygon.forecast-band"))
        .await
        .unwrap();
    let pts = band.attr("points").await.unwrap().unwrap();
    assert_eq!(
        pts.split(' ').count(),
        1 + 2 * 12,
        "12 forecast months, both edges"
    );
    // The band is drawn: the browser lays it out with a real, non-empty box.
    let (_, _, w, h) = band.rectangle().await.unwrap();
    assert!(w > 10.0 && h > 1.0, "band box {w}x{h}");
    let note = common::browser::text(&c, "section#demand .forecast-note").await;
    assert!(note.contains("80% prediction interval"), "{note}");
    let occupation = common::browser::text(&c, "table.demand-occupations tbody tr td a").await;
    assert!(
        occupation.contains("15-1232"),
        "help desk titles code to computer user support: {occupation}"
    );

    // The explorer ranks it and links to its demand page, which filters by region.
    c.goto(&format!("{base}/demand")).await.unwrap();
    let first = c
        .wait()
        .for_element(Locator::Css("table.demand-top tbody tr td a"))
        .await
        .unwrap();
    assert!(first.text().await.unwrap().contains("A+"));
    c.goto(&format!("{base}/demand?region=US-NJ"))
        .await
        .unwrap();
    let link = c
        .wait()
        .for_element(Locator::Css("table.demand-top tbody tr td a"))
        .await
        .unwrap();
    link.click().await.unwrap();
    wait_for_url(&c, "/demand/").await;
    let page = c
        .wait()
        .for_element(Locator::Css("section#demand"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let nj = (0..30)
        .map(|m: i64| 12 + (m % 6) + m / 3)
        .map(|n| (0..n).filter(|i| i % 4 == 0).count() as i64)
        .sum::<i64>();
    assert!(
        page.contains(&format!("{nj} distinct postings named it in US-NJ")),
        "{nj} NJ postings expected in: {page}"
    );
    c.close().await.unwrap();
}
