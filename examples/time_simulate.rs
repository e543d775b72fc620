use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let t = Instant::now();
    let value = hoopai_billing::json::parse(&text).unwrap();
    println!("json parse {:?}", t.elapsed());
    let t = Instant::now();
    let scenario: hoopai_billing::schema::Scenario = hoopai_billing::schema::from_json(&text, "scenario").unwrap();
    println!("parse + read {:?}", t.elapsed());
    let t = Instant::now();
    let sim = hoopai_billing::Calculator::default().simulate(&scenario).unwrap();
    println!("simulate {:?} {}", t.elapsed(), sim.cycles[0].consumed_credits);
    drop(value);
}
