/**
 * Every threshold of the layout stage, one settings object per step, each with the
 * reason for its value. Rebuilding tables from a page is geometry with tolerances:
 * borders drawn a hair apart, text a few points off a column edge. Keeping them here,
 * named, lets a stubborn document be tuned without touching an algorithm.
 *
 * Lengths in points (1/72 inch) unless the name says ratio; ratios are of the font
 * size or of the line pitch, as stated.
 */

/** Finding tables: their rulings, cells, and columns from alignment (detection). */
export interface TableSettings {
  /**
   * A stroke or filled rectangle at most this thick is a ruling line, not shading.
   * Office borders are 0.25–3 pt (Word's thickest single border is 6 pt = 3 pt
   * drawn); the thinnest shaded cell is a full text line (≥ 8 pt) tall, so 4 pt
   * separates them with room on both sides.
   */
  maxRulingThickness: number;
  /**
   * A stroke whose ends differ by at most this across its run is axis-aligned.
   * Producers round coordinates to 0.01–0.1 pt; 0.5 pt accepts that noise and still
   * refuses any visible slant.
   */
  axisTolerance: number;
  /**
   * Parallel rulings this close are one line (pdfplumber's snap_tolerance, 3 pt).
   * Word draws the bottom border of a row and the top border of the next as two
   * rectangles a border's width apart; LibreOffice's double borders are ≤ 2 pt apart.
   * Distinct rows are at least a text line (≥ 8 pt) apart.
   */
  snapTolerance: number;
  /**
   * Collinear rulings whose ends are at most this far apart are one line
   * (pdfplumber's join_tolerance, 3 pt): Word draws a row's border cell by cell,
   * with gaps at the crossings of the thickest border.
   */
  joinTolerance: number;
  /**
   * A horizontal and a vertical ruling closer than this meet (pdfplumber's
   * intersection_tolerance, 3 pt): lines end at the middle of the border they meet,
   * half a border width short of its far edge.
   */
  intersectionTolerance: number;
  /**
   * Rulings shorter than this are noise (corner joints, tick marks): Word draws the
   * crossing of two borders as a square the border's width across. The narrowest
   * real cell is wider than a digit plus padding (≥ 10 pt).
   */
  minRulingLength: number;
  /**
   * An edge shared by two grid slots separates them when rulings cover this share
   * of it. Word interrupts a border where a thicker one crosses; a merged cell
   * has no ruling at all across it, so any share between ~0.2 and ~0.9 tells the two
   * apart; 0.6 keeps clear of both.
   */
  edgeCoverage: number;
  /**
   * A filled rectangle covering this share of the page is a page background, not a
   * cell: its edges would frame every page as one table.
   */
  pageBackgroundShare: number;
  /** Fewer grid cells than this is a framed text box, not a table. */
  minTableCells: number;
  /**
   * Borderless tables: a horizontal gap of at least this (× font size) between two
   * words of a line may separate columns. Justified prose stretches a word space to
   * ~0.6 em; spreadsheet columns are padded by ≥ 1 em of white.
   */
  columnGapRatio: number;
  /** Borderless tables: at least this many lines with two or more columns. */
  minAlignedRows: number;
  /**
   * Borderless tables: the narrowest white channel that may separate columns.
   * Spreadsheet cells sit 2–4 pt apart when their text fills them; a channel this
   * narrow only counts when it runs through every line of the table and both
   * columns beside it hold text on several lines (word spaces never line up so).
   */
  minColumnGap: number;
  /**
   * Borderless tables: lines farther apart than this (× the line's font size,
   * baseline to baseline) are not in one table. Spreadsheet rows can be tall
   * (a row sized for a neighbour's wrapped text), so this only cuts at white the
   * height of several blank lines; headings and prose after a table end it anyway
   * (a one-column line starting a row).
   */
  maxRowPitchRatio: number;
  /**
   * Borderless tables: a line starts a new row when, in some column, its first
   * word would have fitted on the line above with this much room (× font size) to
   * spare. Twice `CellSettings.hardBreakSlack`: a column's measure is only its
   * widest line here (no border to measure from), and a false row splits a cell.
   */
  hardBreakRatio: number;
  /**
   * Borderless tables: a line this far (× font size, baseline to baseline) below
   * the previous one starts a new row. Wrapped lines of a cell are 1.1–1.2 em
   * apart; a new row adds the cells' bottom and top padding (LibreOffice Calc: ≥ 0.3
   * em together), so 1.3 em lies between.
   */
  rowPitchRatio: number;
  /**
   * Borderless tables: a line starts a new row when, in every column it fills (two
   * at least), its words start a paragraph after that column's text above: a number
   * after a number, a capital after a line that could end (see layout/paragraphs.ts).
   * Rows of a Word table with borders and padding switched off follow each other at
   * the wrapped-line pitch, and cells that fill their lines show no early end.
   */
  rowWordCue: boolean;
}

/** Reading what is in a cell (extraction). */
export interface CellSettings {
  /**
   * A line starts a new paragraph item when its baseline is this many times the
   * cell text's usual line pitch below the previous one. A blank paragraph between
   * items doubles the pitch (2.0); "space after" of half a line gives ~1.5; wrapped
   * lines of one paragraph keep the usual pitch (1.0), with rounding noise of a few
   * percent. 1.35 splits the first two and never the last.
   */
  paragraphGapRatio: number;
  /**
   * The usual line pitch (× font size) when a page has too few consecutive lines to
   * measure it: single spacing in Calibri, Arial and Liberation fonts is 1.15–1.22.
   */
  defaultLinePitch: number;
  /** Consecutive lines measured before a page's own line pitch is trusted. */
  minPitchSamples: number;
  /**
   * Which quantile of a page's measured pitches is its usual line pitch. Most
   * consecutive lines of a cell wrap one paragraph; blank lines between items only
   * lengthen the upper tail, so the lower quartile is the wrapped pitch even in
   * cells of one-line items separated by blank lines.
   */
  pitchQuantile: number;
  /**
   * A line ending more than this (× font size) left of its cell's widest line
   * cannot end in a word the layout broke: a broken word fills its line to within a
   * letter (≤ 0.7 em). Such a line ends in a space.
   */
  fullLineSlack: number;
  /**
   * A line is ended by the author (a new item) when the next line's first word
   * would have fitted after it with this much room (× font size) to spare: a space
   * is 0.25–0.3 em and glyph widths are estimated to about a tenth of an em per
   * word (see the width classes in readers/pdf/words.ts), so 0.5 em keeps clear of
   * a line that wrapped because the word did not fit.
   */
  hardBreakSlack: number;
  /**
   * A cell whose lines start at exactly two places, at least this far apart (× font
   * size), indents its paragraphs: a first-line indent, or a hanging indent under a
   * number; see `indentStarts` in cells.ts for which place starts them. Word's
   * smallest indents are 0.5 cm (14 pt, 1.4 em of 10-pt text); lines of one
   * paragraph start within a tenth of a point of each other.
   */
  indentRatio: number;
  /** Lines starting within this (× font size) of each other start at the same place. */
  indentTolerance: number;
  /*
   * The cues below read the words at a line break that no white, bullet or indent
   * marks (layout/paragraphs.ts). Figures are paragraph starts in the cells of the
   * corpus PDFs, checked against the fixture sources: 350 in all, 79 of them missed
   * without these cues (and `TableSettings.rowWordCue`), none missed and none
   * invented with them. "Finds n": n starts are missed with that cue alone off.
   */
  /**
   * A line starting with a number after a line ending in one starts an item: a list
   * of values set one a line ("2023" / "2024" / "2025", "entro il 30/04/2024" /
   * "31/12/2024"), also across a page break. Running text puts a word between two
   * numbers. Finds 62 starts; a line that sets numbers side by side ("8 9 2" / "1 1
   * 1") is one paragraph and is left alone.
   */
  numberListCue: boolean;
  /**
   * A line starting with the capitalised word that opened an earlier item of the
   * cell, after a line that could end, starts an item: entries of one list ("Area
   * Finanziaria" / "Area Socio culturale"). A wrapped line rarely repeats its
   * paragraph's first word, and a function word before it ("Responsabile di" /
   * "Area") keeps it in its sentence. Finds 5 starts.
   */
  repeatedHeadCue: boolean;
  /**
   * A line starting with a capitalised word after a line ending in a finished
   * sentence, a number or a lower-case content word starts an item ("… D.Lgs.
   * 231/2002" / "Approvazione del rendiconto …"), only in a table that sets its
   * paragraphs unmarked (see `capitalCueEvidence`). Never after a function word or
   * a capitalised word, which a name goes on from ("Comune di" / "Como", "Regione" /
   * "Lombardia", "Polizia" / "Locale"). Finds 7 starts; in every table it would
   * split 46 wrapped lines as well: multi-sentence Finalità ("… famiglie." /
   * "Assicurare il …") and names after content words ("… redazione" / "Documento di
   * Piano") are common where paragraphs are spaced or bulleted.
   */
  capitalCue: boolean;
  /**
   * A table sets its paragraphs unmarked (no gap, bullet or indent anywhere in it)
   * when at least this many of its lines end early before a paragraph with no gap:
   * evidence that its cells hold several paragraphs set one under the other. One is
   * enough: an early line end is an author's break (the layout never leaves behind a
   * word that fitted), and a table with none gives no sign that its cells hold more
   * than one paragraph each.
   */
  capitalCueEvidence: number;
  /**
   * An item splits where the lines before or after a line break read as an item the
   * document prints whole elsewhere, and the next line starts with a capital
   * ("Polizia Locale" / "S.U.A.P." in a plan whose other rows hold "Polizia Locale"
   * alone; see known-items.ts). Finds 7 starts.
   */
  knownItemCue: boolean;
  /**
   * Words a whole item needs to count as known: one-word settori ("Tecnico") and
   * years are whole items everywhere, and would split "Ufficio" / "Tecnico" (4 false
   * starts on the corpus with 1); two-word names ("Polizia Locale") are specific.
   */
  knownItemMinWords: number;
}

/** Joining table parts across pages, page furniture, headings (page flow). */
export interface FlowSettings {
  /**
   * Two table parts on consecutive pages continue one table when their outer left
   * and right edges match within this. A repeated table is drawn by the same
   * program with the same widths, to the hundredth of a point; 4 pt forgives a
   * border drawn on one page and not the other.
   */
  continuationEdgeTolerance: number;
  /**
   * Column edges of the parts of one table closer than this are the same edge
   * (the same reasoning as `continuationEdgeTolerance`).
   */
  columnSnapTolerance: number;
  /**
   * A paragraph cut by the page break leaves only the cell's padding at the cut
   * (< 0.5 em, × font size) on both pages; a paragraph that ended there is followed
   * by a blank line or paragraph spacing (≥ 1 em) before the next one starts.
   */
  cutGapRatio: number;
  /**
   * Top and bottom bands of the page (share of its height) where running headers,
   * footers and page numbers live.
   */
  marginBand: number;
  /**
   * A line in the margin bands recurring (digits ignored) on at least this share
   * of the pages is page furniture and is dropped; at least two pages in any case.
   */
  furnitureShare: number;
  /** A heading is at most this many characters: longer lines are prose. */
  maxHeadingChars: number;
  /**
   * A line whose text is this much larger than the page's body text is a heading
   * even when not bold. Body text varies by ±0.5 pt within a plan; headings are
   * ≥ 2 pt larger, so 1.12 × 10 pt = 11.2 pt separates them.
   */
  headingSizeRatio: number;
  /** A heading this much larger than body text is level 1; other headings level 2. */
  majorHeadingSizeRatio: number;
  /**
   * Two lines of one heading differ in size by at most this (points): producers
   * round sizes to a quarter point; the next heading level is ≥ 1 pt apart.
   */
  headingSizeTolerance: number;
}

/** Rejoining words the layout broke across lines. */
export interface RejoinSettings {
  /** A fragment shorter than this never starts a rejoined word (avoids "a" + "nno"). */
  minHeadLength: number;
  /**
   * A fragment the dictionary does not know, ending in a consonant before a lone
   * vowel ("contrattualizzazion" / "e"), is taken for a word cut before its last
   * letter only from this length: acronyms ("PNRR" / "E") are shorter.
   */
  minUnknownHeadLength: number;
  /**
   * A capitalised piece before a line-end hyphen this short is a prefix ("Co-",
   * "Post-", "Anti-") and the compound goes on ("Co-programmazione"); a longer one is
   * a word typed with a space after its hyphen ("Garibaldi- parcheggio").
   */
  maxPrefixLength: number;
}

export interface LayoutSettings {
  table: TableSettings;
  cell: CellSettings;
  flow: FlowSettings;
  rejoin: RejoinSettings;
}

export const LAYOUT_SETTINGS: LayoutSettings = {
  table: {
    maxRulingThickness: 4,
    axisTolerance: 0.5,
    snapTolerance: 3,
    joinTolerance: 3,
    intersectionTolerance: 3,
    minRulingLength: 5,
    edgeCoverage: 0.6,
    pageBackgroundShare: 0.8,
    minTableCells: 2,
    columnGapRatio: 1.0,
    minAlignedRows: 3,
    minColumnGap: 2,
    maxRowPitchRatio: 5,
    hardBreakRatio: 1,
    rowPitchRatio: 1.3,
    rowWordCue: true,
  },
  cell: {
    paragraphGapRatio: 1.35,
    defaultLinePitch: 1.17,
    minPitchSamples: 8,
    pitchQuantile: 0.25,
    fullLineSlack: 1,
    hardBreakSlack: 0.5,
    indentRatio: 1,
    indentTolerance: 0.2,
    numberListCue: true,
    repeatedHeadCue: true,
    capitalCue: true,
    capitalCueEvidence: 1,
    knownItemCue: true,
    knownItemMinWords: 2,
  },
  flow: {
    continuationEdgeTolerance: 4,
    columnSnapTolerance: 4,
    cutGapRatio: 0.8,
    marginBand: 0.1,
    furnitureShare: 0.5,
    maxHeadingChars: 160,
    headingSizeRatio: 1.12,
    majorHeadingSizeRatio: 1.3,
    headingSizeTolerance: 0.5,
  },
  rejoin: {
    minHeadLength: 3,
    minUnknownHeadLength: 6,
    maxPrefixLength: 4,
  },
};
