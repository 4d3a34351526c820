//! Small readers of PDF objects that never fail loudly: a hostile file's
//! wrong types and reference chains read as "absent".

use lopdf::{Dictionary, Document, Object};

/// How many references in a row are followed (a cycle stops here).
const MAX_HOPS: usize = 16;

/// `o`, with references followed.
pub fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> Option<&'a Object> {
    for _ in 0..MAX_HOPS {
        match o {
            Object::Reference(id) => o = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

/// A name's bytes.
pub fn name(o: &Object) -> Option<&[u8]> {
    match o {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

/// A number (integer or real), finite.
pub fn number(o: &Object) -> Option<f64> {
    let n = match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => return None,
    };
    n.is_finite().then_some(n)
}

/// An array's items.
pub fn array(o: &Object) -> Option<&Vec<Object>> {
    match o {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

/// A dictionary, or a stream's dictionary.
pub fn dict(o: &Object) -> Option<&Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The entry `key` of `d`, references followed.
pub fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().and_then(|o| deref(doc, o))
}
