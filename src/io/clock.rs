//! Who and when, for review comments and sign-offs: the login name and the
//! local time as RFC 3339 with its UTC offset (`2025-03-01T09:30:00+08:00`).

/// The login name: `$USER`, else `$LOGNAME`, else the user's entry in the
/// password database, else `uid N`: never empty, never `?` (a lock and a
/// comment must say who).
pub fn login_name() -> String {
    login_name_from(std::env::var("USER").ok(), std::env::var("LOGNAME").ok())
}

/// [`login_name`] from the given `$USER` and `$LOGNAME`.
fn login_name_from(user: Option<String>, logname: Option<String>) -> String {
    user.filter(|s| !s.trim().is_empty())
        .or(logname.filter(|s| !s.trim().is_empty()))
        .or_else(passwd_name)
        .unwrap_or_else(|| {
            #[cfg(unix)]
            {
                // SAFETY: getuid(2) cannot fail.
                format!("uid {}", unsafe { libc::getuid() })
            }
            #[cfg(not(unix))]
            {
                "unknown user".into()
            }
        })
}

/// This user's name in the password database.
#[cfg(unix)]
fn passwd_name() -> Option<String> {
    // SAFETY: getpwuid_r with a zeroed passwd, a buffer of the given size
    // and a result pointer; pw_name is read only when it set `result`.
    unsafe {
        let mut pw: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let r = libc::getpwuid_r(
            libc::getuid(),
            &mut pw,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        );
        if r != 0 || result.is_null() || pw.pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr(pw.pw_name)
            .to_string_lossy()
            .into_owned();
        (!name.trim().is_empty()).then_some(name)
    }
}

#[cfg(not(unix))]
fn passwd_name() -> Option<String> {
    None
}

/// Now, local time with its offset (UTC where the offset cannot be told).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    rfc3339(secs, local_offset(secs))
}

/// `secs` since the epoch as local time, RFC 3339.
pub fn rfc3339_local(secs: i64) -> String {
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
    fn a_login_name_even_without_user_or_logname() {
        assert_eq!(login_name_from(Some("li wei".into()), None), "li wei");
        assert_eq!(
            login_name_from(Some(" ".into()), Some("wang".into())),
            "wang"
        );
        let name = login_name_from(None, None);
        assert!(!name.is_empty() && name != "?", "{name}");
        #[cfg(unix)]
        assert_eq!(
            Some(name),
            passwd_name().or(Some(format!("uid {}", unsafe { libc::getuid() })))
        );
    }

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
