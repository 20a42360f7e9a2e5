//! Index: the on-disk tantivy index and search. (Not built yet.)
