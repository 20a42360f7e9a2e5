//! Conversions from the Hebrew, Islamic (Hijri) and Chinese calendars to Gregorian days, for
//! the holidays the news names by those calendars ("Yom Kippur 2018", "le ramadan",
//! "Chinese New Year").
//!
//! Why a crate: the arithmetic is delegated to ICU4X's `icu_calendar` (without its locale
//! data), which computes the Hebrew calendar exactly (molad and postponements), carries the
//! Umm al-Qura tables of Saudi Arabia's KACST for 1300–1600 AH (1882–2174; tabular outside)
//! and the Chinese calendar as China's Purple Mountain Observatory and GB/T 33661-2017 publish
//! it. Writing these by hand would invent tables or approximate astronomy.
//!
//! Caveats the values carry: Jewish holidays begin at sunset the evening before the civil day
//! returned here (Yom Kippur 2018 is 2018-09-19, observed from the evening of the 18th); many
//! Muslim communities start a month on sighting the new moon, so the real day of an Islamic
//! holiday may differ from Umm al-Qura's by a day or two, and between countries.
//!
//! Everything here is pure: a Gregorian year in, Gregorian days out.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use icu_calendar::cal::{Hijri, hijri::UmmAlQura};
use icu_calendar::types::{Month, RataDie};
use icu_calendar::{AsCalendar, Date};

use super::lexicon::{Calendar, Length, LunarHoliday, Observance};

/// The Hebrew year (Anno Mundi) whose Tishrei falls in the autumn of Gregorian year `y`.
const HEBREW_EPOCH_OFFSET: i32 = 3761;

fn to_naive<A: AsCalendar>(d: &Date<A>) -> Option<NaiveDate> {
    // Rata Die counts day 1 as 0001-01-01 (proleptic Gregorian), as chrono's days from CE do.
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(d.to_rata_die().to_i64_date()).ok()?)
}

fn rata_die(d: NaiveDate) -> RataDie {
    RataDie::new(i64::from(d.num_days_from_ce()))
}

/// A day of a Hebrew year: `month` counted from Tishrei (1), 6 being Adar (Adar II in leap
/// years), 7 Nisan.
pub fn hebrew_to_gregorian(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    to_naive(&Date::try_new_hebrew_v2(year, Month::new(month), day).ok()?)
}

/// A day of a Hijri year by the Umm al-Qura calendar (month 9 is Ramadan).
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let d = Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    to_naive(&d)
}

/// The number of days of a Hijri month (29 or 30).
pub fn hijri_month_days(year: i32, month: u8) -> Option<u8> {
    let d = Date::try_new_hijri_with_calendar(year, month, 1, Hijri::new_umm_al_qura()).ok()?;
    Some(d.days_in_month())
}

/// The Hijri year a Gregorian day falls in.
pub fn hijri_year_of(d: NaiveDate) -> i32 {
    Date::from_rata_die(rata_die(d), Hijri::<UmmAlQura>::new_umm_al_qura())
        .year()
        .extended_year()
}

/// A day of a Chinese year, `year` being the Gregorian year in which its first month
/// begins; (1, 1) is the Chinese New Year, between 21 January and 20 February.
pub fn chinese_to_gregorian(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    to_naive(&Date::try_new_chinese_traditional(year, Month::new(month), day).ok()?)
}

/// Moves a Hebrew day by its weekday rule.
fn observed(d: NaiveDate, rule: Observance) -> NaiveDate {
    match (rule, d.weekday()) {
        (Observance::SundayIfSabbath, Weekday::Sat) => d + Duration::days(1),
        (Observance::YomHaShoah, Weekday::Fri) => d - Duration::days(1),
        (Observance::YomHaShoah, Weekday::Sun) => d + Duration::days(1),
        _ => d,
    }
}

/// The first day and the day after the last of one occurrence of `h`, in the calendar's
/// year `year`.
fn occurrence(year: i32, h: LunarHoliday) -> Option<(NaiveDate, NaiveDate)> {
    let start = match h.calendar {
        Calendar::Hebrew => observed(hebrew_to_gregorian(year, h.month, h.day)?, h.observance),
        Calendar::Hijri => hijri_to_gregorian(year, h.month, h.day)?,
        Calendar::Chinese => chinese_to_gregorian(year, h.month, h.day)?,
    };
    let days = match h.length {
        Length::Days(n) => n,
        Length::Month => match h.calendar {
            Calendar::Hijri => hijri_month_days(year, h.month)?,
            Calendar::Hebrew => Date::try_new_hebrew_v2(year, Month::new(h.month), 1)
                .ok()?
                .days_in_month(),
            Calendar::Chinese => Date::try_new_chinese_traditional(year, Month::new(h.month), 1)
                .ok()?
                .days_in_month(),
        },
    };
    Some((start, start + Duration::days(i64::from(days))))
}

/// Every occurrence of `h` that starts in Gregorian year `y`, earliest first, as half-open
/// day ranges. A Hijri year is eleven days shorter than a Gregorian one, so an Islamic
/// holiday starts once or twice in a Gregorian year (Eid al-Fitr 2033: January and December);
/// Hebrew and Chinese holidays start once.
pub fn occurrences_in(y: i32, h: LunarHoliday) -> Vec<(NaiveDate, NaiveDate)> {
    let years = match h.calendar {
        Calendar::Hebrew => (y + HEBREW_EPOCH_OFFSET - 1)..=(y + HEBREW_EPOCH_OFFSET),
        Calendar::Hijri => {
            let Some(jan1) = NaiveDate::from_ymd_opt(y, 1, 1) else {
                return vec![];
            };
            let first = hijri_year_of(jan1);
            first..=(first + 2)
        }
        Calendar::Chinese => (y - 1)..=y,
    };
    let mut out: Vec<_> = years
        .filter_map(|cy| occurrence(cy, h))
        .filter(|(start, _)| start.year() == y)
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::time::lexicon::HolidayDate;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn lunar(h: HolidayDate) -> LunarHoliday {
        match h {
            HolidayDate::Lunar(l) => l,
            _ => panic!("not a lunar holiday"),
        }
    }

    fn first(y: i32, h: HolidayDate) -> (NaiveDate, NaiveDate) {
        occurrences_in(y, lunar(h))[0]
    }

    #[test]
    fn hebrew_days() {
        // 1 Tishrei 5779 and 15 Nisan 5778, as Jewish calendars print them.
        assert_eq!(hebrew_to_gregorian(5779, 1, 1), Some(ymd(2018, 9, 10)));
        assert_eq!(hebrew_to_gregorian(5778, 7, 15), Some(ymd(2018, 3, 31)));
        assert_eq!(first(2018, HolidayDate::ROSH_HASHANAH).0, ymd(2018, 9, 10));
        assert_eq!(
            first(2018, HolidayDate::YOM_KIPPUR),
            (ymd(2018, 9, 19), ymd(2018, 9, 20))
        );
        assert_eq!(
            first(2018, HolidayDate::HANUKKAH),
            (ymd(2018, 12, 3), ymd(2018, 12, 11))
        );
        assert_eq!(
            first(2018, HolidayDate::PASSOVER),
            (ymd(2018, 3, 31), ymd(2018, 4, 8))
        );
        assert_eq!(first(2018, HolidayDate::SUKKOT).0, ymd(2018, 9, 24));
        assert_eq!(
            first(2018, HolidayDate::SHEMINI_ATZERET).0,
            ymd(2018, 10, 1)
        );
        assert_eq!(first(2018, HolidayDate::SIMCHAT_TORAH).0, ymd(2018, 10, 2));
        assert_eq!(first(2018, HolidayDate::SHAVUOT).0, ymd(2018, 5, 20));
        assert_eq!(first(2024, HolidayDate::TU_BISHVAT).0, ymd(2024, 1, 25));
    }

    #[test]
    fn purim_falls_in_adar_ii_of_a_leap_year() {
        // 5784 is a leap year: Purim is 14 Adar II (2024-03-24), not 14 Adar I.
        assert_eq!(first(2024, HolidayDate::PURIM).0, ymd(2024, 3, 24));
        assert_eq!(first(2023, HolidayDate::PURIM).0, ymd(2023, 3, 7));
    }

    #[test]
    fn weekday_rules() {
        // 9 Av 5778 was a Saturday: the fast was kept on Sunday.
        assert_eq!(hebrew_to_gregorian(5778, 11, 9), Some(ymd(2018, 7, 21)));
        assert_eq!(first(2018, HolidayDate::TISHA_BAV).0, ymd(2018, 7, 22));
        // 9 Av 5784 was a Tuesday: kept on its day.
        assert_eq!(first(2024, HolidayDate::TISHA_BAV).0, ymd(2024, 8, 13));
        // 27 Nisan 5778 was a Thursday (2018-04-12): unchanged.
        assert_eq!(first(2018, HolidayDate::YOM_HASHOAH).0, ymd(2018, 4, 12));
        // 27 Nisan 5784 was a Sunday (2024-05-05): Yom HaShoah moved to Monday.
        assert_eq!(hebrew_to_gregorian(5784, 7, 27), Some(ymd(2024, 5, 5)));
        assert_eq!(first(2024, HolidayDate::YOM_HASHOAH).0, ymd(2024, 5, 6));
        // 27 Nisan 5780 was a Tuesday (2020-04-21): unchanged.
        assert_eq!(first(2020, HolidayDate::YOM_HASHOAH).0, ymd(2020, 4, 21));
    }

    #[test]
    fn chinese_new_years() {
        assert_eq!(chinese_to_gregorian(2013, 1, 1), Some(ymd(2013, 2, 10)));
        assert_eq!(chinese_to_gregorian(2014, 1, 1), Some(ymd(2014, 1, 31)));
        assert_eq!(chinese_to_gregorian(2018, 1, 1), Some(ymd(2018, 2, 16)));
        assert_eq!(
            first(2024, HolidayDate::CHINESE_NEW_YEAR).0,
            ymd(2024, 2, 10)
        );
    }

    #[test]
    fn islamic_days() {
        // Umm al-Qura; the sighted dates may differ by a day.
        let (start, end) = first(2024, HolidayDate::RAMADAN);
        assert_eq!(start, ymd(2024, 3, 11));
        assert_eq!(end, ymd(2024, 4, 10));
        assert_eq!(first(2024, HolidayDate::EID_AL_FITR).0, end);
        let adha = first(2018, HolidayDate::EID_AL_ADHA).0;
        assert!(
            adha == ymd(2018, 8, 21) || adha == ymd(2018, 8, 22),
            "{adha}"
        );
        assert_eq!(
            first(2023, HolidayDate::ISLAMIC_NEW_YEAR).0,
            ymd(2023, 7, 19)
        );
        assert_eq!(first(2023, HolidayDate::ASHURA).0, ymd(2023, 7, 28));
    }

    #[test]
    fn ramadan_is_the_whole_month() {
        for y in 2000..2060 {
            for (start, end) in occurrences_in(y, lunar(HolidayDate::RAMADAN)) {
                let days = (end - start).num_days();
                assert!(days == 29 || days == 30, "{y}: {start}..{end}");
                assert_eq!(hijri_year_of(start), hijri_year_of(end));
            }
        }
    }

    #[test]
    fn islamic_holidays_start_once_or_twice_a_year() {
        // The Hijri year is 354 or 355 days: each holiday starts at least once in every
        // Gregorian year and twice in some (Eid al-Fitr in January and December 2033).
        let eid = lunar(HolidayDate::EID_AL_FITR);
        for y in 1990..2100 {
            let n = occurrences_in(y, eid).len();
            assert!(n == 1 || n == 2, "{y}: {n}");
        }
        let twice = occurrences_in(2033, eid);
        assert_eq!(twice.len(), 2);
        assert_eq!(twice[0].0.month(), 1);
        assert_eq!(twice[1].0.month(), 12);
    }

    #[test]
    fn hebrew_holidays_start_once_a_year() {
        for h in [
            HolidayDate::ROSH_HASHANAH,
            HolidayDate::HANUKKAH,
            HolidayDate::PURIM,
            HolidayDate::PASSOVER,
            HolidayDate::TISHA_BAV,
        ] {
            for y in 1950..2100 {
                assert_eq!(occurrences_in(y, lunar(h)).len(), 1, "{h:?} {y}");
            }
        }
    }
}
