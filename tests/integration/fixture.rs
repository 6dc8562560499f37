//! A small hand-checkable network written to a temporary folder.

use std::path::{Path, PathBuf};

pub(crate) const AIRPORTS: &str = "\
iata,icao,name,city,country,lat,lon,tz,mct_dd,mct_di,mct_id,mct_ii,basis,source
ALA,UAAA,Almaty International Airport,Almaty,KZ,43.3521,77.0405,Asia/Almaty,40,60,75,60,E,-
NQZ,UACC,Astana International Airport,Astana,KZ,51.0222,71.4669,Asia/Almaty,40,60,75,60,E,-
PEK,ZBAA,Beijing Capital International Airport,Beijing,CN,40.0801,116.585,Asia/Shanghai,60,120,120,120,S,clubrichtour-pek
URC,ZWWW,Urumqi Diwopu International Airport,Urumqi,CN,43.9071,87.4742,Asia/Shanghai,60,120,120,90,E,-
";

pub(crate) const AIRLINES: &str = "\
code,name,country,basis,source
KC,Air Astana,KZ,S,-
CZ,China Southern Airlines,CN,S,-
";

pub(crate) const FLEET: &str = "\
airline,aircraft,iata_type,seats,count,min_turn,basis,source
KC,A321LR,32Q,166,10,60,S,-
KC,E190-E2,290,104,5,35,S,-
CZ,B737-800,738,167,100,60,S,-
";

pub(crate) const SCHEDULE: &str = "\
airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft,basis,source
KC,267,ALA,PEK,01:35,08:30,0,.2.....,2022-11-22,2023-03-01,A321LR,S,kursiv-pek
KC,268,PEK,ALA,11:30,14:45,0,.2.....,2022-11-22,2023-03-01,A321LR,S,kursiv-pek
KC,851,NQZ,ALA,22:00,23:45,0,1234567,2022-11-01,2023-03-31,E190-E2,E,-
KC,852,ALA,NQZ,16:30,18:15,0,1234567,2022-11-01,2023-03-31,E190-E2,E,-
CZ,6012,ALA,URC,12:00,15:35,0,....5..,2022-07-01,2023-03-31,B737-800,S,caa22
CZ,6011,URC,ALA,09:00,10:35,0,....5..,2022-07-01,2023-03-31,B737-800,S,caa22
";

pub(crate) const DEMAND: &str = "\
origin,destination,daily_pax,basis,source
ALA,PEK,120,E,-
PEK,ALA,115.5,E,-
NQZ,PEK,30,E,-
";

/// A temporary network folder; deleted on drop.
pub(crate) struct Net {
    pub dir: tempfile::TempDir,
}

impl Net {
    /// The fixture with `edit(file_name, text) -> text` applied to each file.
    pub(crate) fn with(edit: impl Fn(&str, &str) -> String) -> Net {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [
            ("airports.csv", AIRPORTS),
            ("airlines.csv", AIRLINES),
            ("fleet.csv", FLEET),
            ("schedule.csv", SCHEDULE),
            ("demand.csv", DEMAND),
        ] {
            std::fs::write(dir.path().join(name), edit(name, text)).unwrap();
        }
        Net { dir }
    }

    /// The unmodified fixture.
    pub(crate) fn valid() -> Net {
        Net::with(|_, t| t.to_string())
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    #[allow(dead_code)]
    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Replaces `from` by `to` in `file` only (panics if `from` is absent, so tests cannot rot).
pub(crate) fn replace(
    file: &'static str,
    from: &'static str,
    to: &'static str,
) -> impl Fn(&str, &str) -> String {
    move |name, text| {
        if name == file {
            assert!(text.contains(from), "{from:?} not in {file}");
            text.replacen(from, to, 1)
        } else {
            text.to_string()
        }
    }
}

/// The path of the built `flightnet` binary.
/// Asserts that a finished command succeeded (showing its stderr otherwise) and returns its
/// output.
pub(crate) fn ok(out: std::process::Output) -> std::process::Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub(crate) fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_flightnet"))
}
