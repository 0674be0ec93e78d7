//! Document splitting: never panics; without a limit the documents are the input minus the
//! separator lines, in order; with a limit, the same documents come out, those over the limit as
//! their sizes only.
#![no_main]
use boilerstrip::input::{DocumentReader, Piece};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&limit, data)) = data.split_first() else { return };
    let documents: Vec<Piece> =
        DocumentReader::new(data).collect::<std::io::Result<_>>().expect("reading a slice cannot fail");
    let limited: Vec<Piece> = DocumentReader::with_limit(data, usize::from(limit))
        .collect::<std::io::Result<_>>()
        .expect("reading a slice cannot fail");
    assert_eq!(documents.len(), limited.len());
    let mut rest = data;
    for (whole, piece) in documents.iter().zip(&limited) {
        let Piece::Document(document) = whole else { panic!("no limit, no TooLarge") };
        match piece {
            Piece::Document(kept) => assert!(kept == document && kept.len() <= usize::from(limit)),
            Piece::TooLarge { bytes } => assert!(*bytes == document.len() as u64 && document.len() > usize::from(limit)),
        }
        if document.is_empty() {
            continue;
        }
        let at = rest.windows(document.len()).position(|w| w == &document[..]);
        rest = &rest[at.expect("each document is a slice of the input, in order") + document.len()..];
    }
});
