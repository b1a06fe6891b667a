//! `factcheck config`: the effective configuration and where each value came from.

use super::{check_inputs, load_config, ConfigArgs, FailOn};
use crate::report::Format;
use std::path::PathBuf;

pub fn show(
    paths: &[PathBuf],
    format: Option<Format>,
    fail_on: Option<FailOn>,
    args: &ConfigArgs,
) -> i32 {
    match load_config(args, format, fail_on, paths)
        .and_then(|cfg| check_inputs(&[("input path", paths)]).map(|()| cfg))
    {
        Ok(cfg) => {
            print!("{}", cfg.describe());
            0
        }
        Err(f) => f.exit(None),
    }
}
