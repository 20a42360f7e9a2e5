//! Report: Markdown, HTML and JSON reports. (Not built yet.)
