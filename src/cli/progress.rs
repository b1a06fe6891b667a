//! A progress bar on stderr: drawn only when stderr is a terminal, and only once the run
//! has taken more than a second (short runs print nothing).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

pub struct Progress {
    pub bar: ProgressBar,
    stop: Arc<AtomicBool>,
    watcher: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// A bar labelled `message`; hidden unless stderr is a terminal.
    pub fn start(message: &'static str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>11} [{bar:30}] {pos}/{len} ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message);
        let stop = Arc::new(AtomicBool::new(false));
        let watcher = (std::io::stderr().is_terminal()
            && std::env::var_os("FACTCHECK_NO_PROGRESS").is_none())
        .then(|| {
            let bar = bar.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                while started.elapsed() < DELAY {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(25));
                }
                if !stop.load(Ordering::Relaxed) {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(120));
                }
            })
        });
        Progress { bar, stop, watcher }
    }

    /// Remove the bar (before the report is written).
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(w) = self.watcher.take() {
            let _ = w.join();
        }
        self.bar.finish_and_clear();
    }
}
