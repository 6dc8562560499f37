use std::time::Instant;
fn main() {
    let data = flightnet::input::load_dir(std::path::Path::new("routes")).unwrap();
    let mut s = flightnet::scenario::Scenario::builtin(std::path::Path::new("routes"));
    s.file.start = flightnet::time::Day::parse("2023-12-04");
    let t = Instant::now();
    let (d2, cfg) = s.resolve(&data).unwrap();
    println!("resolve {:?}", t.elapsed());
    let t = Instant::now();
    let p = flightnet::sim::Prepared::new(std::sync::Arc::new(d2), cfg).unwrap();
    println!("prepare {:?}", t.elapsed());
    let t = Instant::now();
    let r = p.run(0, &|_, _| {});
    println!("run {:?} requests {}", t.elapsed(), r.engine.requests);
}
