/**
 * The document in reading order, from its laid-out pages. Pages are single-column
 * in plans, so each page reads top to bottom, tables in place among the text. Page
 * furniture is dropped first, so that a table whose last part ends one page and
 * whose next part opens the following page meets nothing in between and is joined
 * into one table; the remaining lines become headings and paragraphs.
 */
import type { Block, DocumentModel, DocumentSource, Provenance } from '../document/model.js';
import { boxOf, type TextLine } from '../readers/pdf/page.js';
import { findFurniture } from './furniture.js';
import { bodySize, lineStyle, type LineStyle } from './headings.js';
import type { PageLayout } from './page-layout.js';
import type { TablePart } from './parts.js';
import type { LayoutSettings } from './settings.js';
import { continuesTable, joinTables } from './stitch.js';

interface TextRun {
  kind: 'text';
  page: number;
  style: LineStyle;
  lines: TextLine[];
}

interface TableRun {
  kind: 'table';
  parts: TablePart[];
}

type Run = TextRun | TableRun;

const lineText = (line: TextLine) =>
  line.words
    .filter((w) => !w.bullet)
    .map((w) => w.text)
    .join(' ');

function provenanceOf(run: TextRun): Provenance {
  const { x0, top, x1, bottom } = boxOf(run.lines);
  return { page: run.page, bbox: [x0, top, x1, bottom] };
}

function textBlock(run: TextRun): Block {
  const text = run.lines.map(lineText).join('\n');
  const provenance = provenanceOf(run);
  if (run.style.heading) return { kind: 'heading', text, level: run.style.level, provenance };
  const bullet = run.lines[0]!.words[0]!.bullet;
  return { kind: 'paragraph', text, bullet, ...(run.style.bold ? { bold: true } : {}), provenance };
}

/** Whether `line` continues the text run (same kind, same page, no paragraph gap, no bullet). */
function continuesText(run: TextRun, line: TextLine, style: LineStyle, page: PageLayout, s: LayoutSettings): boolean {
  const prev = run.lines[run.lines.length - 1]!;
  if (run.page !== page.number || run.style.heading !== style.heading || line.words[0]!.bullet) return false;
  if (style.heading && (style.bold !== run.style.bold || Math.abs(style.size - run.style.size) > s.flow.headingSizeTolerance)) return false;
  return line.baseline - prev.baseline <= page.pitch * s.cell.paragraphGapRatio * style.size;
}

export function assemble(pages: PageLayout[], source: DocumentSource, s: LayoutSettings, warnings: string[]): DocumentModel {
  const furniture = findFurniture(pages, s.flow);
  const body = bodySize(pages.map((p) => p.sizes));
  const runs: Run[] = [];
  for (const page of pages) {
    const lines = page.lines.filter((l) => !furniture.has(l));
    const items = [
      ...page.tables.map((part) => ({ top: part.bbox.top, part, line: null })),
      ...lines.map((line) => ({ top: line.top, part: null, line })),
    ].sort((a, b) => a.top - b.top);
    for (const { part, line } of items) {
      const last = runs[runs.length - 1];
      if (part) {
        const prevPart = last?.kind === 'table' ? last.parts[last.parts.length - 1] : undefined;
        if (last?.kind === 'table' && prevPart && continuesTable(prevPart, part, s.flow)) last.parts.push(part);
        else runs.push({ kind: 'table', parts: [part] });
      } else if (line) {
        const style = lineStyle(line, body, s.flow);
        if (last?.kind === 'text' && continuesText(last, line, style, page, s)) last.lines.push(line);
        else runs.push({ kind: 'text', page: page.number, style, lines: [line] });
      }
    }
  }
  const tables = joinTables(runs.flatMap((r) => (r.kind === 'table' ? [r.parts] : [])), s);
  let t = 0;
  return { source, blocks: runs.map((r) => (r.kind === 'table' ? tables[t++]! : textBlock(r))), warnings };
}
