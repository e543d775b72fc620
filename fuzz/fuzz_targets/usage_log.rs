//! Any bytes as a CSV export, split at a point the first byte picks (its high bit: leave
//! out columns named `x` and `notes`; 63 of 64: every unknown column): the chunks read the same log (or the same error,
//! with the same other problems) as the whole; a log simulates with every credit
//! accounted for, and its events read back as the log holds them.
#![no_main]
use hoopai_billing::schema::{from_json, Scenario};
use hoopai_billing::usage_log::{CsvOptions, UsageLog, UsageLogBuilder};
use hoopai_billing::Calculator;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&split, csv)) = data.split_first() else { return };
    let ignored = (split >= 128).then(|| vec!["x".to_string(), "notes".to_string()]);
    let options = CsvOptions { ignore_columns: ignored, ignore_unknown_columns: Some(split % 64 == 63) };
    let whole = UsageLog::from_csv_with(csv, &options);
    let at = usize::from(split % 128) % (csv.len() + 1);
    let mut builder = UsageLogBuilder::new(&options).expect("valid options");
    let chunked = builder.push(&csv[..at]).and_then(|()| builder.push(&csv[at..])).and_then(|()| builder.finish());
    assert_eq!(whole, chunked);
    let Ok(log) = whole else { return };
    assert_eq!(log.events(0, log.len()).len(), log.len());
    let Some((first, _)) = log.span() else { return };
    let start = hoopai_billing::time::format_timestamp(first);
    let scenario: Scenario =
        from_json(&format!(r#"{{"plan":"starter","start":"{start}","cycles":3,"hardCap":true,"testAsPreview":true}}"#), "scenario")
            .expect("a valid scenario");
    if let Ok(simulation) = Calculator::default().simulate(&scenario, Some(&log)) {
        for c in &simulation.cycles {
            assert_eq!(c.consumed_credits + c.blocked.credits + c.preview_credits, c.rated_credits);
        }
    }
});
