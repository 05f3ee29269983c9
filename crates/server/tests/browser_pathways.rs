//! The pathway map in real headless Chromium with the real registry fixtures and reference data:
//! reached from the credential page, drawn as SVG with costs and exit wages, clickable, and
//! marking the step the learner stands on.
//!
//! Skips only when Chromium or chromedriver is absent; `CREDENCE_REQUIRE_BROWSER=1` fails instead.

mod common;

use common::browser::wait_for_url;
use fantoccini::Locator;

/// The Registry Assistant's detailed certification sample (SOC 2010 codes, a required course).
const CERT: &str = "ce-509682bb-658e-4eb6-87f2-ebff5d5e0aec";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pathway_map_renders_and_responds_in_chromium() {
    let (engine, _dir) = common::loaded_engine().await;
    let Some((c, base, _driver)) = common::browser::session(engine).await else {
        return;
    };

    // From the credential page to its pathway map.
    c.goto(&format!("{base}/credentials/{CERT}")).await.unwrap();
    c.wait()
        .for_element(Locator::Id("pathway-map-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_url(&c, &format!("/pathways/{CERT}")).await;
    let svg = c
        .wait()
        .for_element(Locator::Css("#pathway-svg"))
        .await
        .unwrap();
    let size = svg.rectangle().await.unwrap();
    assert!(size.2 > 300.0 && size.3 > 100.0, "map is drawn: {size:?}");
    let nodes = c
        .find_all(Locator::Css("#pathway-svg g.node"))
        .await
        .unwrap();
    assert!(nodes.len() >= 4, "{} nodes", nodes.len());
    let center = c
        .find(Locator::Css("#pathway-svg g.node.center"))
        .await
        .unwrap();
    assert_eq!(center.attr("data-id").await.unwrap().as_deref(), Some(CERT));
    // Its published cost ($100 application + $12,999 tuition) is on the step.
    let figure = center
        .find(Locator::Css("text.figure"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(figure.contains("$13,099"), "{figure}");
    // SOC 2010 15-1122 crosswalks to Information Security Analysts (15-1212), with the OEWS wage.
    let occ = c
        .find(Locator::Css(
            "#pathway-svg g.node.occupation[data-id='soc:15-1212']",
        ))
        .await
        .unwrap();
    let occ_text = occ.text().await.unwrap();
    assert!(occ_text.contains("median $"), "{occ_text}");
    let edges = c
        .find_all(Locator::Css("#pathway-svg path.edge"))
        .await
        .unwrap();
    assert!(edges.len() >= 3);

    // Clicking a step shows its details and lights its edges.
    occ.click().await.unwrap();
    let details = c
        .wait()
        .for_element(Locator::Css("#pathway-details h2"))
        .await
        .unwrap();
    assert_eq!(
        details.text().await.unwrap(),
        "Information Security Analysts"
    );
    let panel = common::browser::text(&c, "#pathway-details").await;
    assert!(panel.contains("BLS OEWS"), "{panel}");
    let lit = c
        .find_all(Locator::Css("#pathway-svg path.edge.lit"))
        .await
        .unwrap();
    assert!(!lit.is_empty());

    // "I hold it" marks the learner's step and keeps it in the address.
    let toggle = c
        .find(Locator::Css(&format!(
            "input.hold-toggle[data-id='{CERT}']"
        )))
        .await
        .unwrap();
    toggle.click().await.unwrap();
    wait_for_url(&c, "held=").await;
    let class = c
        .find(Locator::Css("#pathway-svg g.node.center"))
        .await
        .unwrap()
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(class.contains("held"), "{class}");
    // The server draws the same when the address says so.
    c.goto(&format!("{base}/pathways/{CERT}?held={CERT}"))
        .await
        .unwrap();
    let note = c
        .wait()
        .for_element(Locator::Id("held-note"))
        .await
        .unwrap();
    assert!(note.text().await.unwrap().contains("1 step"));
    c.close().await.unwrap();
}
