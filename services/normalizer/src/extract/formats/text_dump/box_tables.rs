//! Tables a text browser draws with box characters ("┌────┬────┐",
//! "│Cost│$760│"), read row by row. A cell's text wraps over several
//! lines inside its column, so read line by line a table interleaves its
//! columns ("│Essential │Preferred │" then "│Plan      │Plan      │")
//! and keeps its frame. Each row becomes one line of its cells' text,
//! written as a Markdown table row ("| Cost | $587.21 | $834.59 |"), and
//! the table stays one block: a paragraph whose rows a reader can still
//! tell apart. (A paragraph a row was tried: rows of figures read as
//! page chrome, and a ranking lost most of its rows.)

use std::borrow::Cow;

/// The dump with each box-drawn table read row by row; a dump that draws
/// none is returned as it is.
pub(super) fn unbox(dump: &str) -> Cow<'_, str> {
    if !dump.lines().any(is_frame_line) {
        return Cow::Borrowed(dump);
    }
    let mut out = String::with_capacity(dump.len());
    let mut table: Vec<&str> = Vec::new();
    for line in dump.lines() {
        if is_frame_line(line) || is_cells_line(line) {
            table.push(line);
            continue;
        }
        if !table.is_empty() {
            push_rows(&mut out, &table);
            table.clear();
        }
        out.push_str(line);
        out.push('\n');
    }
    push_rows(&mut out, &table);
    Cow::Owned(out)
}

/// A border line of a table: its top, bottom, or a rule between rows.
fn is_frame_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with(['┌', '├', '└'])
        && line.ends_with(['┐', '┤', '┘'])
        && line.chars().all(|c| {
            matches!(
                c,
                '─' | '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '│'
            )
        })
}

/// A line of cells: framed by vertical bars on both sides.
fn is_cells_line(line: &str) -> bool {
    let line = line.trim();
    line.len() > '│'.len_utf8() && line.starts_with('│') && line.ends_with('│')
}

/// Appends a table's rows, each on a line of its own.
fn push_rows(out: &mut String, table: &[&str]) {
    let mut row: Vec<String> = Vec::new();
    for line in table {
        if is_frame_line(line) {
            push_row(out, &mut row);
            continue;
        }
        let inner = line.trim();
        let inner = &inner['│'.len_utf8()..inner.len() - '│'.len_utf8()];
        for (column, piece) in inner.split('│').enumerate() {
            if row.len() <= column {
                row.resize(column + 1, String::new());
            }
            let piece = piece.trim();
            if !piece.is_empty() {
                let cell = &mut row[column];
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(piece);
            }
        }
    }
    push_row(out, &mut row);
}

fn push_row(out: &mut String, row: &mut Vec<String>) {
    let cells: Vec<&str> = row
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect();
    if !cells.is_empty() {
        out.push_str("| ");
        out.push_str(&cells.join(" | "));
        out.push_str(" |\n");
    }
    row.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawn_table_reads_a_row_at_a_time_with_each_cell_whole() {
        let dump = "Plans compared:\n\
            \n\
            ┌─────────┬──────────┬──────────┐\n\
            │         │Essential │Preferred │\n\
            │         │Plan      │Plan      │\n\
            ├─────────┼──────────┼──────────┤\n\
            │Cost     │$587.21   │$834.59   │\n\
            └─────────┴──────────┴──────────┘\n\
            After the table.\n";
        assert_eq!(
            unbox(dump),
            "Plans compared:\n\
             \n\
             | Essential Plan | Preferred Plan |\n\
             | Cost | $587.21 | $834.59 |\n\
             After the table.\n"
        );
    }

    #[test]
    fn a_dump_without_a_drawn_table_is_left_as_it_is() {
        let dump = "A line │ with a bar\n│ not a table\nText.\r\n";
        assert!(matches!(unbox(dump), Cow::Borrowed(_)));
    }
}
