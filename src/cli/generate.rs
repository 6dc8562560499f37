//! `flightnet generate`: a synthetic network in the routes/ format.

use std::path::PathBuf;

/// Write a synthetic hub-and-spoke network (airports, airlines, fleet, schedule, demand) in the
/// routes/ format.
#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    /// Number of airports.
    #[arg(long, value_name = "N")]
    pub airports: u32,
    /// Number of directed routes.
    #[arg(long, value_name = "M")]
    pub routes: u32,
    /// Random seed.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// Folder to write into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Runs the command.
pub fn run(_args: GenerateArgs) -> anyhow::Result<()> {
    anyhow::bail!("generate is not built yet")
}
