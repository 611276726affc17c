//! Speed of the core on pages as large as the executor sends (its caps: 1 500 controls, 3 000
//! texts). Run by `cargo xtask bench`; a measurement, not a test.
use std::hint::black_box;
use std::time::Instant;
use tba_core::assistant::playbooks;
use tba_core::fixtures::{control, token_form};
use tba_core::flow::{self, Ctx};
use tba_core::origin::classify;
use tba_core::protocol::{Snapshot, TextBlock};
use tba_core::recognize::recognize;

/// NetSuite's access-token form buried in a large page: the worst case the executor sends.
fn big_token_page() -> Snapshot {
    let mut controls = token_form().controls;
    for i in 10..1500 {
        let mut c = control(
            i,
            if i % 3 == 0 { "a" } else { "input" },
            "text",
            &format!("field{i}"),
        );
        c.label = format!("Some label {i}");
        c.nearby = format!("NEARBY TEXT {i}");
        c.row = format!("row {i} with several words of text in it");
        controls.push(c);
    }
    let texts = (0..3000)
        .map(|i| TextBlock {
            handle: 2000 + i,
            tag: "span".into(),
            text: Some(format!("Text block number {i}")),
            visible: true,
            ..Default::default()
        })
        .collect();
    Snapshot {
        url: String::new(),
        title: "Access Token".into(),
        controls,
        texts,
        truncated: false,
    }
}

fn time<R>(name: &str, iterations: u32, mut f: impl FnMut() -> R) {
    let mut samples: Vec<f64> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(|a, b| a.total_cmp(b));
    let p = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    println!(
        "{name:<52} median {:>9.1} µs   p95 {:>9.1} µs   ({iterations} runs)",
        p(0.5),
        p(0.95)
    );
}

fn main() {
    println!("Core speed, native release build (the extension runs the same code as Wasm)");
    let pb = &playbooks()[0];
    let ctx = Ctx {
        playbook: pb,
        clone_name: &pb.netsuite.clone_name,
        user_id: Some("42"),
    };
    let url = "https://1234567.app.netsuite.com/app/setup/accesstoken.nl?whence=";
    let page = big_token_page();
    time("classify a URL", 10_000, || {
        classify(black_box(url)).is_ok()
    });
    time(
        "recognize the token form (1 500 controls, 3 000 texts)",
        200,
        || recognize(url, &page),
    );
    let r = recognize(url, &page);
    time("plan Do it on that page", 200, || {
        flow::do_it(&r, &page, &ctx).is_ok()
    });
    time("guide for that page", 200, || {
        flow::guide(&r, &page, &ctx).guide.is_some()
    });
    time("parse the snapshot's JSON (serde)", 100, || {
        let json = serde_json::to_string(&page).unwrap();
        serde_json::from_str::<Snapshot>(&json)
            .unwrap()
            .controls
            .len()
    });
}
