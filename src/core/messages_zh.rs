//! The Chinese of every error message, keyed by its English template (see
//! `messages`): data only.

/// Each English template and its Chinese. In the Chinese, `{1}`, `{2}` …
/// are the template's values in their English order.
pub const CATALOGUE: &[(&str, &str)] = &[
    // Loading a draft.
    ("{}: no such file", "{1}：没有这个文件"),
    (
        "{}: is a directory, not a text file",
        "{1}：是文件夹，不是文本文件",
    ),
    ("{}: permission denied", "{1}：没有读取权限"),
    (
        "{}: the file is {} bytes, over the {}-byte limit for a report",
        "{1}：文件有 {2} 字节，超过了报告的上限 {3} 字节",
    ),
    (
        "{}: looks like a binary file, not text",
        "{1}：看起来是二进制文件，不是文本",
    ),
    (
        "{}: is not text in {} (byte {} cannot be decoded)",
        "{1}：不是 {2} 编码的文本（第 {3} 个字节无法解码）",
    ),
    (
        "{}: is {}, not a file; give a regular file",
        "{1}：是{2}，不是普通文件；请给出普通文件",
    ),
    ("a named pipe", "命名管道"),
    ("a device", "设备"),
    ("a socket", "套接字"),
    ("not a regular file", "不是普通文件"),
    ("UTF-8 or GB18030", "UTF-8 或 GB18030"),
    (
        "{}: is an old Word/WPS file (.doc/.wps), which reportbench reads only through LibreOffice (not installed); save it as .docx in WPS or Word",
        "{1}：是旧版 Word/WPS 文件（.doc/.wps），reportbench 要借助 LibreOffice 才能读取（没有安装）；请在 WPS 或 Word 里另存为 .docx",
    ),
    // Word documents.
    (
        "is not a Word document (a damaged or unreadable zip archive: {})",
        "不是 Word 文档（zip 压缩包已损坏或无法读取：{1}）",
    ),
    (
        "is a zip archive but not a Word document (it has no word/document.xml)",
        "是 zip 压缩包，但不是 Word 文档（没有 word/document.xml）",
    ),
    (
        "has {} entries, too many for a Word document",
        "有 {1} 个部件，Word 文档不会有这么多",
    ),
    (
        "looks like a zip bomb: part {} would unpack past the limits",
        "像是“压缩炸弹”：部件 {1} 解压后会超出限制",
    ),
    (
        "is protected by a password: open it in WPS or Word and save it without one",
        "设置了密码：请在 WPS 或 Word 里打开，去掉密码后另存",
    ),
    (
        "is damaged: part {} cannot be read ({})",
        "已损坏：部件 {1} 无法读取（{2}）",
    ),
    (
        "is damaged: part {} is not well-formed XML at byte {} ({})",
        "已损坏：部件 {1} 在第 {2} 个字节处不是合格的 XML（{3}）",
    ),
    (
        "the Word document could not be read again ({})",
        "无法重新读取这份 Word 文档（{1}）",
    ),
    // Web pages and PDF.
    (
        "is a web page without an article body that reportbench could find",
        "是网页，但 reportbench 没有找到正文",
    ),
    (
        "is a web page nested more than {} elements deep, which no article is",
        "是嵌套超过 {1} 层的网页，不像是文章",
    ),
    (
        "is a PDF protected by a password; save a copy without the password and give that",
        "是设置了密码的 PDF；请另存一份没有密码的再试",
    ),
    (
        "is a damaged PDF that cannot be read ({})",
        "是损坏的 PDF，无法读取（{1}）",
    ),
    (
        "is a scanned PDF: its {} pages are images without text, and reportbench does not recognise text in images (OCR); give the report as .docx, text, or a PDF with text",
        "是扫描版 PDF：{1} 页都是图片，没有文字，reportbench 不做文字识别（OCR）；请提供 .docx、文本或带文字的 PDF",
    ),
    (
        "is a PDF with no text on any page",
        "是每一页都没有文字的 PDF",
    ),
    (
        "is a PDF whose fonts do not say which characters they show (no ToUnicode map); give the report as .docx or text",
        "是字体没有字符对照表（ToUnicode）的 PDF，读不出文字；请提供 .docx 或文本",
    ),
    (
        "is a PDF of {} pages; reportbench reads reports of up to {} pages",
        "是 {1} 页的 PDF；reportbench 最多读 {2} 页的报告",
    ),
    (
        "is a PDF whose pages are too complex to read (more than {} drawing operations)",
        "是页面过于复杂的 PDF（绘图操作超过 {1} 个），无法读取",
    ),
    // Old Word files through LibreOffice.
    ("LibreOffice is not installed", "没有安装 LibreOffice"),
    (
        "LibreOffice took longer than {} s to convert it",
        "LibreOffice 转换超过了 {1} 秒",
    ),
    (
        "LibreOffice could not convert it{}",
        "LibreOffice 无法转换这个文件{1}",
    ),
    (
        "the conversion could not use a temporary folder: {}",
        "转换时无法使用临时文件夹：{1}",
    ),
    // Saving.
    (
        "{}: the file was changed on disk since it was opened; not overwritten",
        "{1}：文件打开后已在磁盘上被改动，没有覆盖",
    ),
    (
        "{}: cannot save here ({}); the text is kept, save it elsewhere",
        "{1}：不能保存在这里（{2}）；文字还在，请另存到别处",
    ),
    (
        "{}: the save failed while {} ({}); the original is untouched and the text is kept",
        "{1}：保存时{2}失败（{3}）；原文件没有改动，文字还在",
    ),
    ("reading the file on disk", "读取磁盘上的文件"),
    ("creating the temporary file", "创建临时文件"),
    ("writing", "写入"),
    ("flushing to disk", "写入磁盘"),
    ("copying permissions", "复制权限"),
    ("replacing the file", "替换文件"),
    ("flushing the folder to disk", "把文件夹写入磁盘"),
    // Output files.
    (
        "{}: is an input of this command; choose another output file",
        "{1}：是这个命令的输入文件；请换一个输出文件",
    ),
    (
        "{}: already exists; give --force to replace it",
        "{1}：已经存在；加 --force 才会替换",
    ),
    ("{}: could not be written ({})", "{1}：无法写入（{2}）"),
    // The review file.
    (
        "{}: cannot read the review file: {}",
        "{1}：无法读取审阅文件：{2}",
    ),
    (
        "{}: cannot write the review file: {}",
        "{1}：无法写入审阅文件：{2}",
    ),
    // Settings, specs and themes.
    ("{}: is not a regular file", "{1}：不是普通文件"),
    (
        "{}: the file is {} bytes; a settings file may be at most {} bytes",
        "{1}：文件有 {2} 字节；设置文件最多 {3} 字节",
    ),
    ("{}: no such spec file", "{1}：没有这个清单文件"),
    (
        "{}: is a directory, not a spec file",
        "{1}：是文件夹，不是清单文件",
    ),
    (
        "{}: is not a regular file; give a spec file",
        "{1}：不是普通文件；请给出清单文件",
    ),
    (
        "{}: the spec is {} bytes; a spec may be at most {} bytes",
        "{1}：清单有 {2} 字节；清单最多 {3} 字节",
    ),
    ("{}: cannot read", "{1}：无法读取"),
    (
        "{}: is not a text file in UTF-8 or GB18030",
        "{1}：不是 UTF-8 或 GB18030 编码的文本文件",
    ),
    ("no monochrome theme", "没有单色（monochrome）配色"),
    (
        "no theme named `{}` (built in: {}; or a file, or the config folder's themes/)",
        "没有名为“{1}”的配色（内置的有：{2}；也可以是文件，或配置文件夹的 themes/ 里的）",
    ),
    ("{}: no such theme file", "{1}：没有这个配色文件"),
    (
        "no spec named `{}` (not a file, not in the config folder's specs/; available: {})",
        "没有名为“{1}”的清单（不是文件，配置文件夹的 specs/ 里也没有；可用的有：{2}）",
    ),
    (
        "no built-in spec named `{}` (built in: {})",
        "没有名为“{1}”的内置清单（内置的有：{2}）",
    ),
    (
        "`{}` is not a key (write e.g. ctrl-s, alt-n, f1, shift-tab, enter)",
        "“{1}”不是按键（应写成 ctrl-s、alt-n、f1、shift-tab、enter 这样）",
    ),
    (
        "the file is {} bytes; at most {} bytes are read",
        "文件有 {1} 字节；最多读取 {2} 字节",
    ),
    // YAML (the reader's most frequent words).
    (
        "unknown field `{}`, expected one of {}",
        "不认识的字段“{1}”，应是以下之一：{2}",
    ),
    (
        "unknown field `{}`, expected {}",
        "不认识的字段“{1}”，应是 {2}",
    ),
    (
        "unknown field `{}`, there are no fields",
        "不认识的字段“{1}”，这里不能有字段",
    ),
    ("missing field `{}`", "缺少字段“{1}”"),
    ("duplicate field `{}`", "字段“{1}”重复"),
    (
        "unknown variant `{}`, expected one of {}",
        "不认识的取值“{1}”，应是以下之一：{2}",
    ),
    (
        "unknown variant `{}`, expected {}",
        "不认识的取值“{1}”，应是 {2}",
    ),
    ("invalid type: {}, expected {}", "类型不对：{1}，应是 {2}"),
    ("invalid value: {}, expected {}", "取值不对：{1}，应是 {2}"),
    // Specs (for those who write their own checklist; YAML keys stay as
    // they are written).
    ("`id` must not be empty", "`id` 不能为空"),
    ("`version` must be 1 or more", "`version` 至少是 1"),
    (
        "`items` must list at least one item",
        "`items` 至少要列出一个要素",
    ),
    (
        "`units` must not contain empty strings",
        "`units` 里不能有空字符串",
    ),
    (
        "item id `{}` must be letters, digits, `_` or `-`",
        "要素 id“{1}”只能由字母、数字、`_` 或 `-` 组成",
    ),
    ("item id `{}` is used twice", "要素 id“{1}”用了两次"),
    (
        "item `{}` refers to `{}`, which is not an item id of this spec",
        "要素“{1}”引用的“{2}”不是本清单的要素 id",
    ),
    (
        "item `{}` of kind `title` needs a `text` matcher",
        "要素“{1}”是 `title` 类，需要 `text` 匹配规则",
    ),
    (
        "item `{}` of kind `section` needs a `heading` matcher",
        "要素“{1}”是 `section` 类，需要 `heading` 匹配规则",
    ),
    (
        "item `{}` of kind `statement` needs a `heading` or `body` matcher",
        "要素“{1}”是 `statement` 类，需要 `heading` 或 `body` 匹配规则",
    ),
    ("item `{}` {}", "要素“{1}”的 `{2}`"),
    (
        "metric id `{}` must be letters, digits, `_` or `-`",
        "指标 id“{1}”只能由字母、数字、`_` 或 `-` 组成",
    ),
    ("metric id `{}` is used twice", "指标 id“{1}”用了两次"),
    (
        "metric `{}` needs non-empty `keywords`, or a table `cell` instead",
        "指标“{1}”需要非空的 `keywords`，或者改用表格的 `cell`",
    ),
    (
        "metric `{}` scope refers to `{}`, which is not an item id",
        "指标“{1}”的范围引用的“{2}”不是要素 id",
    ),
    (
        "`metric_scope` refers to `{}`, which is not an item id",
        "`metric_scope` 引用的“{1}”不是要素 id",
    ),
    (
        "`year-consistency.item` refers to `{}`, which is not an item id",
        "`year-consistency.item` 引用的“{1}”不是要素 id",
    ),
    (
        "item `{}`: only a `section` can be a table part",
        "要素“{1}”：只有 `section` 类才能是表格部分",
    ),
    (
        "`not-expanded.item` refers to `{}`, which is not an item id",
        "`not-expanded.item` 引用的“{1}”不是要素 id",
    ),
    (
        "{}: a matcher needs `any`, `all` or `regex`",
        "{1}：匹配规则需要 `any`、`all` 或 `regex`",
    ),
    (
        "{}: heading level {} is not between 1 and 4",
        "{1}：标题级别 {2} 不在 1 到 4 之间",
    ),
    (
        "{}: keyword lists must not contain empty strings",
        "{1}：关键词列表里不能有空字符串",
    ),
    (
        "{}: an `all` group must not be empty",
        "{1}：`all` 组不能为空",
    ),
    (
        "{}: the regex `{}` can match empty text, so it would match any draft; make it match at least one character",
        "{1}：正则表达式“{2}”能匹配空文字，那样任何稿件都会匹配；请让它至少匹配一个字符",
    ),
    ("compiles to more than {} bytes", "编译后超过 {1} 字节"),
    (
        "{}: invalid regex `{}`: {}",
        "{1}：正则表达式“{2}”有误：{3}",
    ),
    (
        "table id `{}` must be letters, digits or `_`",
        "表格 id“{1}”只能由字母、数字或 `_` 组成",
    ),
    ("table id `{}` is used twice", "表格 id“{1}”用了两次"),
    (
        "table `{}` belongs to `{}`, which is not an item id of this spec",
        "表格“{1}”所属的“{2}”不是本清单的要素 id",
    ),
    (
        "table `{}` needs non-empty `recognise` words",
        "表格“{1}”需要非空的 `recognise` 词",
    ),
    (
        "table `{}`: `min_words` must be between 1 and the number of `recognise` words ({})",
        "表格“{1}”：`min_words` 应在 1 到 `recognise` 词数（{2}）之间",
    ),
    (
        "table `{}` needs `columns` and `rows`",
        "表格“{1}”需要 `columns` 和 `rows`",
    ),
    ("table `{}` column", "表格“{1}”的列"),
    ("table `{}` row", "表格“{1}”的行"),
    (
        "item `{}` is the table `{}`, which is not a table id of this spec",
        "要素“{1}”对应的表格“{2}”不是本清单的表格 id",
    ),
    ("relation id `{}` is used twice", "关系 id“{1}”用了两次"),
    (
        "relation `{}` is about `{}`, which is not a table id of this spec",
        "关系“{1}”针对的“{2}”不是本清单的表格 id",
    ),
    (
        "relation `{}`: `{}` is not {} table `{}`",
        "关系“{1}”：“{2}”不是表格“{4}”的{3}",
    ),
    ("a row id of", "行 id"),
    ("a column id of", "列 id"),
    ("a `row.column` cell of", "`行.列` 单元格"),
    ("relation `{}`: {}", "关系“{1}”：{2}"),
    (
        "relation `{}`: `tolerance` must be 0 or more",
        "关系“{1}”：`tolerance` 不能小于 0",
    ),
    (
        "metric `{}`: the cell {}.{}.{} is not in this spec's tables",
        "指标“{1}”：单元格 {2}.{3}.{4} 不在本清单的表格里",
    ),
    (
        "{} id `{}` must be letters, digits or `_` (not starting with a digit)",
        "{1} id“{2}”只能由字母、数字或 `_` 组成（不能以数字开头）",
    ),
    ("{} id `{}` is used twice", "{1} id“{2}”用了两次"),
    (
        "{} `{}` needs a label and non-empty words",
        "{1}“{2}”需要标签和非空的词",
    ),
    (
        "{} `{}`: only rows list columns",
        "{1}“{2}”：只有行才能列出列",
    ),
    (
        "{} `{}` lists the column `{}`, which the table does not have",
        "{1}“{2}”列出的列“{3}”表格里没有",
    ),
    (
        "a rule may be at most {} characters",
        "一条规则最多 {1} 个字符",
    ),
    (
        "`{}` at character {} is not a number",
        "第 {2} 个字符处的“{1}”不是数字",
    ),
    (
        "`{}` at character {} is not understood",
        "第 {2} 个字符处的“{1}”看不懂",
    ),
    ("brackets nest deeper than {}", "括号嵌套超过 {1} 层"),
    (
        "a rule has exactly one `=` or `~`",
        "一条规则要有且只有一个 `=` 或 `~`",
    ),
    ("a side of the rule is empty", "规则的一边是空的"),
    (
        "something is left over after a side of the rule (a bracket?)",
        "规则的一边后面还有多余的内容（括号？）",
    ),
    ("a `(` is not closed", "有一个 `(` 没有闭合"),
    ("a number or a name is expected", "这里应是数字或名字"),
    (
        "the spec is {} bytes; a spec may be at most {} bytes",
        "清单有 {1} 字节；清单最多 {2} 字节",
    ),
    ("duplicate key `{}`", "键“{1}”重复"),
    (
        "YAML aliases (`{}`) are not allowed; write the value out",
        "不允许使用 YAML 别名（`{1}`）；请把值直接写出来",
    ),
    (
        "nested too deeply: lists and maps may nest at most {} deep",
        "嵌套太深：列表和映射最多嵌套 {1} 层",
    ),
    (
        "too large or too complex to read ({})",
        "太大或太复杂，无法读取（{1}）",
    ),
    // The command line and the workbench.
    ("the check did not finish", "检查没有完成"),
    (
        "`{}` has no fix (rules with one: {})",
        "“{1}”没有自动修正（可以修正的规则：{2}）",
    ),
    (
        "{}: only text and Markdown drafts are written back; a {} keeps its own layout (open it in WPS or Word, or save its text as .md first)",
        "{1}：只有文本和 Markdown 稿件会被写回；{2}有自己的版式（请在 WPS 或 Word 里修改，或先把文字另存为 .md）",
    ),
    (
        "a file, --previous, --spec, --review and --theme before a command are the workbench's; put a command's options after it (`reportbench check --spec NAME FILE`)",
        "写在子命令前面的文件、--previous、--spec、--review、--theme 是给工作台的；子命令的选项请写在子命令后面（`reportbench check --spec 名字 文件`）",
    ),
    (
        "no file given: try `reportbench FILE`, or `reportbench --help`",
        "没有给出文件：试试 `reportbench 文件`，或 `reportbench --help`",
    ),
    ("empty pattern", "没有要查找的文字"),
    ("not a valid regular expression: {}", "正则表达式有误：{1}"),
    ("cannot watch signals", "无法监听信号"),
    ("cannot start the signal thread", "无法启动信号线程"),
    ("cannot start the input thread", "无法启动输入线程"),
    ("cannot start a worker thread", "无法启动工作线程"),
    ("cannot set up the terminal", "无法设置终端"),
    ("cannot read the terminal's size", "无法读取终端大小"),
    ("cannot draw", "无法绘制屏幕"),
    ("the terminal is gone", "终端已断开"),
    ("the event loop lost its inputs", "事件循环失去了输入"),
    // The system's own words inside them (io::Error).
    (
        "No such file or directory (os error 2)",
        "没有这个文件或文件夹",
    ),
    ("Permission denied (os error 13)", "没有权限"),
    ("Is a directory (os error 21)", "是文件夹"),
    ("Not a directory (os error 20)", "不是文件夹"),
    ("No space left on device (os error 28)", "磁盘空间已满"),
    ("Read-only file system (os error 30)", "只读文件系统"),
    ("Disk quota exceeded (os error 122)", "超出磁盘配额"),
    ("File exists (os error 17)", "文件已存在"),
    ("Input/output error (os error 5)", "输入输出错误"),
    ("Too many open files (os error 24)", "打开的文件太多"),
    ("Operation not permitted (os error 1)", "不允许的操作"),
];
