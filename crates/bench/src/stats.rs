//! Timing samples and their percentiles.
use std::time::{Duration, Instant};

pub struct Samples {
    pub name: String,
    times: Vec<Duration>,
}

impl Samples {
    pub fn new(name: impl Into<String>) -> Self {
        Samples { name: name.into(), times: Vec::new() }
    }

    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.times.push(start.elapsed());
        out
    }

    fn pct(&self, p: f64) -> f64 {
        let mut v: Vec<f64> = self.times.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        let i = ((v.len() as f64 - 1.0) * p).round() as usize;
        v[i.min(v.len() - 1)]
    }

    pub fn report(&self) {
        println!(
            "{:<44} n={:<5} p50 {:>8.3} ms   p99 {:>8.3} ms   max {:>8.3} ms",
            self.name,
            self.times.len(),
            self.pct(0.5),
            self.pct(0.99),
            self.pct(1.0)
        );
    }
}
