/**
 * Quantities in Italian plans use "." for thousands and "," for decimals
 * ("1.000" partecipanti, "0,5"), are sometimes spelled out ("minore o uguale a
 * zero", "almeno tre incontri"), and in spreadsheets a count may survive only as
 * the date Excel displayed for it ("05/01/1900" for 5). This module turns each of
 * those spellings into a number.
 */

/** "1.000" → 1000, "0,5" → 0.5, "121.992,00" → 121992. */
export function parseItalianNumber(text: string): number {
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  un: 1,
  una: 1,
  uno: 1,
  due: 2,
  tre: 3,
  quattro: 4,
  cinque: 5,
  sei: 6,
  sette: 7,
  otto: 8,
  nove: 9,
  dieci: 10,
  undici: 11,
  dodici: 12,
  tredici: 13,
  quattordici: 14,
  quindici: 15,
  sedici: 16,
  diciassette: 17,
  diciotto: 18,
  diciannove: 19,
  venti: 20,
  trenta: 30,
  quaranta: 40,
  cinquanta: 50,
  sessanta: 60,
  settanta: 70,
  ottanta: 80,
  novanta: 90,
  cento: 100,
  mille: 1000,
};

/** The value of a spelled-out number ("tre" → 3), or null. */
export function numberWord(key: string): number | null {
  return NUMBER_WORDS[key] ?? null;
}

/**
 * The count a spreadsheet displayed as a date of 1900: Excel's serial day number
 * (1900-01-01 is 1). Excel counts a fictitious 29 February 1900, so from March on
 * the serial is one more than the days elapsed (shared/notes/libreoffice.md).
 */
export function excelSerialOf1900(month: number, day: number): number {
  const elapsed = (Date.UTC(1900, month - 1, day) - Date.UTC(1899, 11, 31)) / 86_400_000;
  return month > 2 ? elapsed + 1 : elapsed;
}
