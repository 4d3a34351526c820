//! The arithmetic of relations: `LEFT = RIGHT` or `LEFT ~ RIGHT`, each side
//! of numbers, names, `+ - * /` and brackets. Parsed once when the spec is
//! compiled; evaluated with the values a report gives the names.

/// A side of a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number written in the rule.
    Number(f64),
    /// A name (a row, a column, or `row.column`).
    Name(String),
    /// `a + b`, `a - b`, `a * b`, `a / b`.
    Op(Box<Expr>, char, Box<Expr>),
}

/// A parsed rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The left side.
    pub left: Expr,
    /// `=` or `~`.
    pub approx: bool,
    /// The right side.
    pub right: Expr,
}

/// The longest rule text accepted.
const MAX_RULE_CHARS: usize = 2000;

/// The deepest bracket nesting accepted.
const MAX_DEPTH: usize = 32;

impl Rule {
    /// Parses `text`; the error says what is wrong and where (a character
    /// offset).
    pub fn parse(text: &str) -> Result<Rule, String> {
        if text.chars().count() > MAX_RULE_CHARS {
            return Err(format!("a rule may be at most {MAX_RULE_CHARS} characters"));
        }
        let tokens = tokens(text)?;
        let split = tokens
            .iter()
            .position(|t| matches!(t, Tok::Eq | Tok::Approx))
            .ok_or("a rule needs `=` or `~` between its two sides")?;
        let approx = tokens[split] == Tok::Approx;
        let left = parse_side(&tokens[..split])?;
        let right = parse_side(&tokens[split + 1..])?;
        Ok(Rule {
            left,
            approx,
            right,
        })
    }

    /// Every name in the rule, in order.
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.left.names(&mut out);
        self.right.names(&mut out);
        out
    }
}

impl Expr {
    fn names<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Number(_) => {}
            Expr::Name(n) => out.push(n),
            Expr::Op(a, _, b) => {
                a.names(out);
                b.names(out);
            }
        }
    }

    /// The value, with `value` giving each name's; `None` when a name has
    /// none (a blank cell, a row the report lacks) or on division by zero.
    pub fn eval(&self, value: &dyn Fn(&str) -> Option<f64>) -> Option<f64> {
        match self {
            Expr::Number(n) => Some(*n),
            Expr::Name(n) => value(n),
            Expr::Op(a, op, b) => {
                let (a, b) = (a.eval(value)?, b.eval(value)?);
                match op {
                    '+' => Some(a + b),
                    '-' => Some(a - b),
                    '*' => Some(a * b),
                    _ => (b != 0.0).then(|| a / b),
                }
            }
        }
    }

    /// The side written out with each name's value (`5 + 0`), for messages.
    pub fn show(&self, value: &dyn Fn(&str) -> Option<f64>) -> String {
        match self {
            Expr::Number(n) => fmt_number(*n),
            Expr::Name(n) => value(n).map_or_else(|| "?".into(), fmt_number),
            Expr::Op(a, op, b) => {
                let wrap = |e: &Expr| match e {
                    Expr::Op(_, inner, _)
                        if matches!(op, '*' | '/') && matches!(inner, '+' | '-') =>
                    {
                        format!("({})", e.show(value))
                    }
                    _ => e.show(value),
                };
                format!("{} {op} {}", wrap(a), wrap(b))
            }
        }
    }
}

/// A number as a person writes it: 12, 12.5, 0.25.
pub fn fmt_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Op(char),
    Open,
    Close,
    Eq,
    Approx,
}

fn tokens(text: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '+' | '-' | '*' | '/' => {
                out.push(Tok::Op(c));
                i += 1;
            }
            '(' => {
                out.push(Tok::Open);
                i += 1;
            }
            ')' => {
                out.push(Tok::Close);
                i += 1;
            }
            '=' => {
                out.push(Tok::Eq);
                i += if chars.get(i + 1) == Some(&'=') { 2 } else { 1 };
            }
            '~' | '≈' => {
                out.push(Tok::Approx);
                i += 1;
            }
            c if c.is_ascii_digit() => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let s: String = chars[start..i].iter().collect();
                let n = s
                    .parse::<f64>()
                    .map_err(|_| format!("`{s}` at character {} is not a number", start + 1))?;
                out.push(Tok::Num(n));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '_' | '.'))
                {
                    i += 1;
                }
                out.push(Tok::Name(chars[start..i].iter().collect()));
            }
            c => return Err(format!("`{c}` at character {} is not understood", i + 1)),
        }
    }
    if out
        .iter()
        .filter(|t| matches!(t, Tok::Eq | Tok::Approx))
        .count()
        != 1
    {
        return Err("a rule has exactly one `=` or `~`".into());
    }
    Ok(out)
}

fn parse_side(tokens: &[Tok]) -> Result<Expr, String> {
    if tokens.is_empty() {
        return Err("a side of the rule is empty".into());
    }
    let mut at = 0;
    let e = sum(tokens, &mut at, 0)?;
    if at != tokens.len() {
        return Err("something is left over after a side of the rule (a bracket?)".into());
    }
    Ok(e)
}

fn sum(t: &[Tok], at: &mut usize, depth: usize) -> Result<Expr, String> {
    let mut left = product(t, at, depth)?;
    while let Some(Tok::Op(op @ ('+' | '-'))) = t.get(*at) {
        *at += 1;
        let right = product(t, at, depth)?;
        left = Expr::Op(Box::new(left), *op, Box::new(right));
    }
    Ok(left)
}

fn product(t: &[Tok], at: &mut usize, depth: usize) -> Result<Expr, String> {
    let mut left = atom(t, at, depth)?;
    while let Some(Tok::Op(op @ ('*' | '/'))) = t.get(*at) {
        *at += 1;
        let right = atom(t, at, depth)?;
        left = Expr::Op(Box::new(left), *op, Box::new(right));
    }
    Ok(left)
}

fn atom(t: &[Tok], at: &mut usize, depth: usize) -> Result<Expr, String> {
    if depth > MAX_DEPTH {
        return Err(format!("brackets nest deeper than {MAX_DEPTH}"));
    }
    let tok = t.get(*at).ok_or("a side of the rule ends too early")?;
    *at += 1;
    match tok {
        Tok::Num(n) => Ok(Expr::Number(*n)),
        Tok::Name(n) => Ok(Expr::Name(n.clone())),
        Tok::Open => {
            let e = sum(t, at, depth + 1)?;
            match t.get(*at) {
                Some(Tok::Close) => {
                    *at += 1;
                    Ok(e)
                }
                _ => Err("a `(` is not closed".into()),
            }
        }
        _ => Err("a number or a name is expected".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(n: &str) -> Option<f64> {
        match n {
            "new" => Some(5.0),
            "carried" => Some(1.0),
            "total" => Some(4.0),
            "carried_forward" => Some(1.0),
            "part" => Some(301.0),
            "whole" => Some(312.0),
            "rate" => Some(96.5),
            _ => None,
        }
    }

    #[test]
    fn rules_parse_evaluate_and_show_their_values() {
        let r = Rule::parse("new + carried = total + carried_forward").unwrap();
        assert_eq!(r.names(), ["new", "carried", "total", "carried_forward"]);
        assert_eq!(r.left.eval(&values), Some(6.0));
        assert_eq!(r.right.eval(&values), Some(5.0));
        assert_eq!(r.left.show(&values), "5 + 1");
        let r = Rule::parse("rate ~ part / whole * 100").unwrap();
        assert!(r.approx);
        let v = r.right.eval(&values).unwrap();
        assert!((v - 96.474).abs() < 0.01, "{v}");
        let r = Rule::parse("a.b == (new - carried) * 2").unwrap();
        assert_eq!(r.left, Expr::Name("a.b".into()));
        assert_eq!(r.right.eval(&values), Some(8.0));
        assert_eq!(r.right.show(&values), "(5 - 1) * 2");
        // A name without a value: nothing to say.
        assert_eq!(r.left.eval(&values), None);
    }

    #[test]
    fn bad_rules_say_what_is_wrong() {
        for (rule, says) in [
            ("a + b", "`=` or `~`"),
            ("a = b = c", "exactly one"),
            ("a = ", "empty"),
            ("a = (b + c", "not closed"),
            ("a = b $ c", "`$`"),
            ("a = b +", "ends too early"),
            ("a = b c", "left over"),
        ] {
            let e = Rule::parse(rule).unwrap_err();
            assert!(e.contains(says), "{rule}: {e}");
        }
        let deep = format!("a = {}b{}", "(".repeat(40), ")".repeat(40));
        assert!(Rule::parse(&deep).unwrap_err().contains("deeper"));
    }
}
