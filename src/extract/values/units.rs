//! Language-neutral unit data: ISO 4217 codes written as such, and what each canonical
//! measure unit measures (dimension, size in SI base units, metric or imperial), so that
//! "7 feet and 10 inches" can be added up. Data only.

/// ISO 4217 codes recognised when written in capitals next to an amount ("42 SAR", "BGN 5").
/// Codes that are also common words or names in capitals ("ALL", "PHP", "AMD", "SOS",
/// "TOP", "CUP") are left out.
pub const ISO_CURRENCIES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "INR", "RUB",
    "BRL", "MXN", "KRW", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "TRY", "ZAR",
    "ILS", "UAH", "MNT", "SAR", "AED", "QAR", "KWD", "EGP", "MAD", "TND", "DZD", "NGN", "KES",
    "XOF", "XAF", "THB", "IDR", "MYR", "VND", "TWD", "ARS", "CLP", "COP", "PEN", "LBP", "LAK",
    "ISK", "PKR", "LKR", "NPR", "BDT", "KES", "UGX", "TZS", "GHS", "ETB", "OMR", "BHD", "JOD",
    "IQD", "IRR", "KZT",
];

/// What a measure unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Length,
    Mass,
    Volume,
}

/// Canonical unit → (dimension, size in metres / kilograms / litres, metric?).
const MEASURES: &[(&str, Dimension, f64, bool)] = &[
    ("km", Dimension::Length, 1000.0, true),
    ("m", Dimension::Length, 1.0, true),
    ("dm", Dimension::Length, 0.1, true),
    ("cm", Dimension::Length, 0.01, true),
    ("mm", Dimension::Length, 0.001, true),
    ("mi", Dimension::Length, 1609.344, false),
    ("yd", Dimension::Length, 0.9144, false),
    ("ft", Dimension::Length, 0.3048, false),
    ("in", Dimension::Length, 0.0254, false),
    ("t", Dimension::Mass, 1000.0, true),
    ("kg", Dimension::Mass, 1.0, true),
    ("g", Dimension::Mass, 0.001, true),
    ("mg", Dimension::Mass, 0.000001, true),
    ("lb", Dimension::Mass, 0.45359237, false),
    ("oz", Dimension::Mass, 0.028349523125, false),
    ("hl", Dimension::Volume, 100.0, true),
    ("l", Dimension::Volume, 1.0, true),
    ("dl", Dimension::Volume, 0.1, true),
    ("cl", Dimension::Volume, 0.01, true),
    ("ml", Dimension::Volume, 0.001, true),
    ("gal", Dimension::Volume, 3.785411784, false),
];

/// (dimension, size, metric?) of a canonical unit that can be added to others.
pub fn measure(unit: &str) -> Option<(Dimension, f64, bool)> {
    MEASURES
        .iter()
        .find(|(u, ..)| *u == unit)
        .map(|&(_, d, f, metric)| (d, f, metric))
}
