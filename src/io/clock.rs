//! Who and when, for review comments and sign-offs: the login name and the
//! local time as RFC 3339 with its UTC offset (`2025-03-01T09:30:00+08:00`).

/// The login name: `$USER`, else `$LOGNAME`, else `?`.
pub fn login_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "?".into())
}

/// Now, local time with its offset (UTC where the offset cannot be told).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    rfc3339(secs, local_offset(secs))
}

/// The local UTC offset in seconds at `secs` since the epoch.
#[cfg(unix)]
fn local_offset(secs: i64) -> i64 {
    let t: libc::time_t = secs as libc::time_t;
    // SAFETY: `tm` is plain data, zeroed is a valid value; localtime_r only
    // writes into it and reads `t`.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&t, &mut tm).is_null() };
    if ok { tm.tm_gmtoff as i64 } else { 0 }
}

#[cfg(not(unix))]
fn local_offset(_secs: i64) -> i64 {
    0
}

/// `secs` since the epoch shown at UTC offset `offset` (seconds).
pub fn rfc3339(secs: i64, offset: i64) -> String {
    let local = secs + offset;
    let (days, rem) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss) = (rem / 3600, rem % 3600 / 60, rem % 60);
    let zone = if offset == 0 {
        "Z".to_owned()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        let o = offset.abs();
        format!("{sign}{:02}:{:02}", o / 3600, o % 3600 / 60)
    };
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}{zone}")
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_offsets() {
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00Z");
        // 2025-03-01T01:30:00Z seen from Beijing.
        assert_eq!(
            rfc3339(1_740_792_600, 8 * 3600),
            "2025-03-01T09:30:00+08:00"
        );
        // Leap day and a negative offset across midnight.
        assert_eq!(
            rfc3339(1_709_164_800, -5 * 3600),
            "2024-02-28T19:00:00-05:00"
        );
        assert_eq!(rfc3339(1_709_164_800 + 86_399, 0), "2024-02-29T23:59:59Z");
        assert_eq!(
            rfc3339(951_782_400, 5 * 3600 + 1800),
            "2000-02-29T05:30:00+05:30"
        );
    }

    #[test]
    fn now_is_well_formed() {
        let n = now_rfc3339();
        assert_eq!(&n[4..5], "-");
        assert_eq!(&n[10..11], "T");
        assert!(n.ends_with('Z') || n[19..].len() == 6, "{n}");
    }
}
