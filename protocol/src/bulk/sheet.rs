//! Reading a bulk CSV: header row, column mapping, rows with their line numbers.

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
        if !mapping.contains(&Some(Column::UserName)) {
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
            let cells: Vec<String> = record
                .iter()
                .map(|c| c.trim_end_matches('\r').to_string())
                .collect();
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

/// Every column's header and two example rows: an email-domain change and a disable.
pub fn template_csv() -> String {
    let headers: Vec<&str> = Column::ALL.iter().map(|c| c.header()).collect();
    let mut out = headers.join(",");
    out.push('\n');
    let example = |values: &[(Column, &str)]| {
        Column::ALL
            .iter()
            .map(|c| values.iter().find(|(k, _)| k == c).map_or("", |(_, v)| *v))
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&example(&[
        (Column::UserName, "jdoe"),
        (Column::Email, "john.doe@new-domain.example.com"),
    ]));
    out.push('\n');
    out.push_str(&example(&[
        (Column::UserName, "leaving.user"),
        (Column::Enabled, "false"),
    ]));
    out.push('\n');
    out
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
    fn template_reads_back() {
        let s = parse_csv(&template_csv()).unwrap();
        assert_eq!(s.mapping.len(), Column::ALL.len());
        assert_eq!(s.rows.len(), 2);
    }
}
