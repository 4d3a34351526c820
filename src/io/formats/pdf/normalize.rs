//! Text as extracted from a PDF made readable: the radical look-alikes that
//! Word's PDF export maps common characters to (⼀ for 一, ⻓ for 长)
//! folded to the characters, full-width digits to ASCII, and the spaces
//! that typesetting leaves between Chinese and digits or Latin ("2024 年")
//! removed.

/// Kangxi radicals U+2F00–U+2FD5, in order, as the characters they look
/// like (Unicode's compatibility mappings).
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// Simplified radicals (CJK Radicals Supplement) that stand for whole
/// characters.
const SUPPLEMENT: &[(char, char)] = &[
    ('\u{2E9F}', '母'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECB}', '车'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EE2}', '马'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEC}', '齐'),
    ('\u{2EEE}', '齿'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF3}', '龟'),
];

/// `c` with radical look-alikes and full-width digits folded.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2F00}'..='\u{2FD5}' => KANGXI.chars().nth(c as usize - 0x2F00).unwrap_or(c),
        '\u{2E80}'..='\u{2EFF}' => SUPPLEMENT
            .iter()
            .find(|(r, _)| *r == c)
            .map_or(c, |(_, x)| *x),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// Chinese text and punctuation: a space beside it is typesetting, not text.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·'
    )
}

/// A paragraph's text folded and its spacing made as typed: spaces beside
/// Chinese removed, other runs of spaces made one, ends trimmed.
pub fn normalize(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        // Controls, invisible format characters and soft hyphens that a
        // font's map may give are not text a reader sees.
        .filter(|&c| {
            c == '\t'
                || !(c.is_control()
                    || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'))
        })
        .map(|c| if c == '\u{3000}' || c == '\u{A0}' || c == '\t' { ' ' } else { fold_char(c) })
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' {
            out.push(c);
            i += 1;
            continue;
        }
        let end = chars[i..]
            .iter()
            .position(|&c| c != ' ')
            .map_or(chars.len(), |n| i + n);
        let before = out.chars().next_back();
        let after = chars.get(end).copied();
        if let (Some(b), Some(a)) = (before, after)
            && !is_cjk(b)
            && !is_cjk(a)
        {
            out.push(' ');
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_and_full_width_digits_fold() {
        assert_eq!(normalize("⼀、⼯作⻓效机制"), "一、工作长效机制");
        assert_eq!(normalize("全年１２件"), "全年12件");
    }

    #[test]
    fn spaces_beside_chinese_go_and_latin_spaces_stay() {
        assert_eq!(normalize("  2024 年 ，办理 35 件  "), "2024年，办理35件");
        assert_eq!(normalize("一、 主要举措"), "一、主要举措");
        assert_eq!(normalize("PDF  and Word 文档"), "PDF and Word文档");
        assert_eq!(normalize("目\u{3000}\u{3000}录"), "目录");
        assert_eq!(
            normalize("依\u{1b}[31m法\u{202E}行政\u{AD}"),
            "依[31m法行政"
        );
    }
}
