//! `flightnet import-ssim` and `flightnet export-ssim`.

use std::path::PathBuf;

/// Convert IATA SSIM Chapter 7 schedule files into the routes/ schedule.csv format.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// SSIM files to read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Folder to write schedule.csv into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Write a network's schedule as an IATA SSIM Chapter 7 file.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Network folder (airports.csv, airlines.csv, fleet.csv, schedule.csv).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// SSIM file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// Runs `import-ssim`.
pub fn import(_args: ImportArgs) -> anyhow::Result<()> {
    anyhow::bail!("import-ssim is not built yet")
}

/// Runs `export-ssim`.
pub fn export(_args: ExportArgs) -> anyhow::Result<()> {
    anyhow::bail!("export-ssim is not built yet")
}
