//! Reading a bulk CSV: header row, column mapping, rows with their line numbers.

use std::borrow::Cow;

use super::columns::Column;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based line in the file where the row starts (the header is line 1).
    pub line: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    /// What each header column means; `None` is ignored (the UI offers a mapping step).
    pub mapping: Vec<Option<Column>>,
    pub rows: Vec<SheetRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError {
    pub line: usize,
    pub message: String,
}

impl Sheet {
    /// Changes what one column means; a column may be used once only.
    pub fn remap(&mut self, index: usize, column: Option<Column>) -> Result<(), String> {
        if index >= self.mapping.len() {
            return Err(format!("there is no column {}", index + 1));
        }
        if let Some(c) = column
            && let Some(other) = self
                .mapping
                .iter()
                .enumerate()
                .position(|(i, m)| i != index && *m == Some(c))
        {
            return Err(format!(
                "“{}” is already read as {}; ignore that column first.",
                self.headers[other],
                c.label()
            ));
        }
        self.mapping[index] = column;
        Ok(())
    }

    /// The index of the column mapped to `column`.
    pub fn index_of(&self, column: Column) -> Option<usize> {
        self.mapping.iter().position(|m| *m == Some(column))
    }
}

/// Parses CSV text with a header row. Delimiter `,`, or `;` when the header has `;` but no `,`
/// (Excel in many locales). Whole-file problems are errors; row problems are left to planning.
pub fn parse_csv(text: &str) -> Result<Sheet, SheetError> {
    let mut reader = SheetReader::new(text)?;
    while !reader.read(usize::MAX)? {}
    Ok(reader.finish())
}

/// Reads a sheet a slice of rows at a time, so a page can parse 10,000 rows between frames
/// instead of freezing while it does.
pub struct SheetReader {
    text: Vec<u8>,
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
    sheet: Sheet,
    /// Line numbers are counted incrementally: up to `scanned` bytes there were `line - 1` breaks.
    scanned: usize,
    line: usize,
}

impl SheetReader {
    /// Reads and checks the header row.
    pub fn new(text: &str) -> Result<SheetReader, SheetError> {
        let text = text.trim_start_matches('\u{FEFF}');
        let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if first_line.is_empty() {
            return Err(SheetError {
                line: 1,
                message: "The file is empty: it needs a header row and at least one row.".into(),
            });
        }
        let delimiter = if !first_line.contains(',') && first_line.contains(';') {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(std::io::Cursor::new(text.as_bytes().to_vec()));
        let mut header = csv::StringRecord::new();
        match reader.read_record(&mut header) {
            Ok(true) => {}
            Ok(false) => {
                return Err(SheetError {
                    line: 1,
                    message: "There is no header row.".into(),
                });
            }
            Err(e) => return Err(csv_error(&e)),
        }
        let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let mut mapping = Vec::with_capacity(headers.len());
        for (i, h) in headers.iter().enumerate() {
            let column = Column::from_header(h);
            if let Some(c) = column
                && let Some(first) = mapping.iter().position(|m| *m == Some(c))
            {
                return Err(SheetError {
                    line: 1,
                    message: format!(
                        "Columns {} (“{}”) and {} (“{h}”) both mean {}; keep one.",
                        first + 1,
                        headers[first],
                        i + 1,
                        c.label()
                    ),
                });
            }
            mapping.push(column);
        }
        // With a header the console does not know, the person may say which column it is
        // (the mapping step); otherwise the user name is missing for certain.
        if !mapping.contains(&Some(Column::UserName)) && !mapping.contains(&None) {
            return Err(SheetError { line: 1, message: "No column holds the user name: add a “user_name” column to say whose account each row changes.".into() });
        }
        Ok(SheetReader {
            text: text.as_bytes().to_vec(),
            reader,
            sheet: Sheet {
                headers,
                mapping,
                rows: Vec::new(),
            },
            scanned: 0,
            line: 1,
        })
    }

    /// Reads up to `max_rows` more rows; `true` once the end is reached.
    pub fn read(&mut self, max_rows: usize) -> Result<bool, SheetError> {
        let mut record = csv::StringRecord::new();
        for _ in 0..max_rows {
            if !self
                .reader
                .read_record(&mut record)
                .map_err(|e| csv_error(&e))?
            {
                return Ok(true);
            }
            let line = self.line_at(record.position().map_or(0, |p| p.byte() as usize));
            let cells: Vec<String> = record.iter().map(|c| restore(c).into_owned()).collect();
            // Blank lines are not rows.
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            self.sheet.rows.push(SheetRow { line, cells });
        }
        Ok(false)
    }

    pub fn rows_read(&self) -> usize {
        self.sheet.rows.len()
    }

    pub fn finish(self) -> Sheet {
        self.sheet
    }

    /// The 1-based line where a record starts. The csv crate's offset can point at the previous
    /// line ending (and its own line count skips blank lines), so line breaks are skipped first.
    fn line_at(&mut self, byte: usize) -> usize {
        let bytes = &self.text;
        let mut start = byte.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.scanned {
            self.line += bytes[self.scanned..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.scanned = start;
        }
        self.line
    }
}

fn csv_error(e: &csv::Error) -> SheetError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    SheetError {
        line,
        message: format!("The CSV cannot be read here: {e}"),
    }
}

/// Every column's header and three example rows: an email-domain change, a disable and a new
/// user whose password is left for the person to fill in (until then the row is refused, so a
/// template sent back as it is creates no account with a published password). No delete: a
/// template sent back as it is must never remove anyone.
pub fn template_csv() -> String {
    let mut out = String::new();
    write_row(&mut out, Column::ALL.iter().map(|c| c.header()));
    let mut example = |values: &[(Column, &str)]| {
        write_row(
            &mut out,
            Column::ALL
                .iter()
                .map(|c| values.iter().find(|(k, _)| k == c).map_or("", |(_, v)| *v)),
        )
    };
    example(&[
        (Column::UserName, "jdoe"),
        (Column::Email, "john.doe@new-domain.example.com"),
    ]);
    example(&[
        (Column::UserName, "leaving.user"),
        (Column::Enabled, "false"),
    ]);
    example(&[
        (Column::Action, "create"),
        (Column::UserName, "new.starter"),
        (Column::FirstName, "New"),
        (Column::LastName, "Starter"),
        (Column::Email, "new.starter@example.com"),
    ]);
    out
}

/// What makes a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a formula when
/// it opens a CSV: OWASP's list (`=`, `+`, `-`, `@`, tab, carriage return) and the full-width
/// forms of the first four, which some spreadsheets treat alike.
pub const FORMULA_TRIGGERS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// The prefix that makes a spreadsheet take a cell as text.
pub const TEXT_PREFIX: char = '\'';

/// Whether a spreadsheet would read this cell as the start of a formula.
pub fn starts_formula(cell: &str) -> bool {
    cell.starts_with(FORMULA_TRIGGERS)
}

/// Whether a cell read from a file carries a neutralising `'` that [`restore`] takes off: a
/// `'` followed by a formula trigger or by another `'`.
fn carries_prefix(cell: &str) -> bool {
    cell.strip_prefix(TEXT_PREFIX)
        .is_some_and(|rest| starts_formula(rest) || rest.starts_with(TEXT_PREFIX))
}

/// A value as the console writes it into a CSV cell, so that no spreadsheet runs it as a
/// formula (OWASP CSV injection): `'` goes before a value that starts with a formula trigger,
/// and before a value that [`restore`] would otherwise change (one that starts with `'`
/// followed by a trigger or another `'`), so that reading it back is exact. Every other value,
/// a `'` at the start included, is written as it is.
pub fn neutralise(value: &str) -> Cow<'_, str> {
    if starts_formula(value) || carries_prefix(value) {
        Cow::Owned(format!("{TEXT_PREFIX}{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// The value of a cell as read from a file: one leading `'` is taken off when a formula
/// trigger or another `'` follows it (what [`neutralise`] adds, and what a person types in
/// front of `+15551234567` to keep a spreadsheet from reading a number); any other cell is
/// kept as it is. `restore(&neutralise(v)) == v` for every string.
pub fn restore(cell: &str) -> Cow<'_, str> {
    if carries_prefix(cell) {
        Cow::Borrowed(&cell[TEXT_PREFIX.len_utf8()..])
    } else {
        Cow::Borrowed(cell)
    }
}

/// Appends one CSV record (`,`-separated, `\n`-terminated) to `out`, every cell neutralised.
/// A cell is quoted when it holds a delimiter (`,` or `;`), a quote or a line break, when it
/// starts or ends with white space, and whenever it was neutralised (as OWASP advises).
pub fn write_row<I, S>(out: &mut String, cells: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let written = neutralise(cell.as_ref());
        let quote = matches!(written, Cow::Owned(_))
            || written.contains([',', ';', '"', '\n', '\r'])
            || written.starts_with(char::is_whitespace)
            || written.ends_with(char::is_whitespace);
        if quote {
            out.push('"');
            out.push_str(&written.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&written);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_rows_and_lines() {
        let s = parse_csv("\u{FEFF}User Name,Email,Colour\r\njdoe,a@b.c,blue\r\n\r\n\"o'brien, tom\",\"multi\nline\",\n").unwrap();
        assert_eq!(
            s.mapping,
            vec![Some(Column::UserName), Some(Column::Email), None]
        );
        assert_eq!(s.rows.len(), 2);
        assert_eq!((s.rows[0].line, s.rows[1].line), (2, 4));
        assert_eq!(s.rows[1].cells, vec!["o'brien, tom", "multi\nline", ""]);
    }

    #[test]
    fn semicolons_and_whole_file_errors() {
        let s = parse_csv("user_name;enabled\njdoe;false\n").unwrap();
        assert_eq!(s.rows[0].cells, vec!["jdoe", "false"]);
        assert!(parse_csv("").unwrap_err().message.contains("empty"));
        assert!(
            parse_csv("email\na@b.c\n")
                .unwrap_err()
                .message
                .contains("user name")
        );
        // An unknown header may be the user name: the mapping step lets the person say so.
        let unknown = parse_csv("Benutzer,email\njdoe,a@b.c\n").unwrap();
        assert_eq!(unknown.mapping, vec![None, Some(Column::Email)]);
        assert_eq!(unknown.index_of(Column::UserName), None);
        assert!(
            parse_csv("user,login\nx,y\n")
                .unwrap_err()
                .message
                .contains("both mean User name")
        );
    }

    #[test]
    fn remapping_refuses_duplicates() {
        let mut s = parse_csv("user_name,mail address,e-mail\njdoe,a@b.c,c@d.e\n").unwrap();
        assert_eq!(s.mapping[1], None);
        assert!(s.remap(1, Some(Column::Email)).is_err());
        s.remap(2, None).unwrap();
        s.remap(1, Some(Column::Email)).unwrap();
        assert_eq!(s.index_of(Column::Email), Some(1));
    }

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        let values = [
            "user_name",
            "=HYPERLINK(\"http://attacker.example/\",\"open\")",
            "+15551234567",
            "-2",
            "@SUM(A1)",
            "\tx",
            "'=1",
            "'plain",
            "''",
            "o'brien",
        ];
        let mut out = String::new();
        write_row(&mut out, values);
        assert_eq!(
            out,
            r#"user_name,"'=HYPERLINK(""http://attacker.example/"",""open"")","'+15551234567","'-2","'@SUM(A1)","'	x","''=1",'plain,"'''",o'brien"#
                .to_string()
                + "\n"
        );
        let read = parse_csv(&format!("{out}{out}")).unwrap();
        assert_eq!(read.rows[0].cells, values);
    }

    #[test]
    fn a_typed_text_prefix_is_taken_off() {
        let s = parse_csv("user_name,mobile\njdoe,'+15551234567\nasmith,'0170\n").unwrap();
        assert_eq!(s.rows[0].cells, ["jdoe", "+15551234567"]);
        assert_eq!(
            s.rows[1].cells,
            ["asmith", "'0170"],
            "no trigger follows: kept"
        );
    }

    #[test]
    fn template_reads_back() {
        let s = parse_csv(&template_csv()).unwrap();
        assert_eq!(s.mapping.len(), Column::ALL.len());
        assert_eq!(s.rows.len(), 3);
    }
}
