/**
 * Comuni group their objectives by the budget Missione and Programma of the
 * harmonised accounts, but print them in their own words ("Sport e tempo libero",
 * "Missione 12: diritti sociali, politiche sociali e famiglie", "RISORSE UMANE").
 * This module ships the official classification, so analysts can group by code
 * whatever the wording, and resolves a name written in other words to its entry.
 *
 * Source: D.Lgs. 23 giugno 2011, n. 118, allegato 14 "Elenco delle Missioni e dei
 * Programmi" (as amended by D.Lgs. 126/2014), the classification the bilancio di
 * previsione of every ente locale uses (allegato 9, spese per missioni e programmi).
 * Programmi the allegato marks "(solo per le Regioni)" keep their name without that
 * note and carry `regioniOnly: true`.
 */
import { contentStems } from './words.js';

export interface Programma {
  /** the Missione's code: 12 for 12.01 */
  missione: number;
  /** the Programma's code within its Missione: 1 for 12.01 */
  code: number;
  name: string;
  /** what it comprises, as keywords paraphrasing the allegato; null for Regioni-only programmi */
  scope: string | null;
  /** marked "(solo per le Regioni)" in the allegato: no comune budgets on it */
  regioniOnly: boolean;
}

export interface Missione {
  code: number;
  name: string;
  programmi: readonly Programma[];
}

/** A Programma as the table below writes it: its name and scope, or a Regioni-only name. */
type ProgrammaRow = readonly [name: string, scope: string] | { name: string; regioniOnly: true };

const regioni = (name: string): ProgrammaRow => ({ name, regioniOnly: true });

/**
 * Missione code → [name, programmi in code order 01, 02, …]. Each programma comunali
 * use has, after its name, its scope: the activities that the allegato's description
 * of the programma places under it, as keywords (a paraphrase, not the official
 * text). The classifier learns from them too; the names alone are too few words.
 */
const ALLEGATO_14: ReadonlyArray<readonly [number, string, readonly ProgrammaRow[]]> = [
  [1, 'Servizi istituzionali, generali e di gestione', [
    ['Organi istituzionali', 'consiglio comunale, giunta, sindaco, commissioni consiliari, organi di governo, cerimoniale, comunicazione istituzionale, relazioni pubbliche'],
    ['Segreteria generale', 'attività deliberative, atti amministrativi, protocollo, archivio, notifiche, contratti, coordinamento amministrativo, supporto agli organi'],
    ['Gestione economica, finanziaria, programmazione e provveditorato', 'bilancio, programmazione finanziaria, contabilità, rendiconto, tesoreria, revisione contabile, controllo di gestione, provveditorato, economato, acquisti, società partecipate'],
    ['Gestione delle entrate tributarie e servizi fiscali', 'tributi, imposte, tasse, IMU, TARI, accertamento, riscossione, evasione, contenzioso tributario, contribuenti, fiscalità locale'],
    ['Gestione dei beni demaniali e patrimoniali', 'patrimonio, demanio, inventario dei beni, concessioni, locazioni, alienazioni, immobili comunali'],
    ['Ufficio tecnico', 'opere pubbliche, lavori pubblici, progettazione, direzione lavori, programma triennale dei lavori, manutenzione degli edifici comunali, permessi edilizi'],
    ['Elezioni e consultazioni popolari - Anagrafe e stato civile', 'anagrafe, stato civile, servizi demografici, elezioni, liste elettorali, carta di identità, certificati, residenza, cittadinanza'],
    ['Statistica e sistemi informativi', 'statistica, censimento, sistemi informativi, informatica, digitalizzazione, servizi digitali, sito istituzionale, software, rete'],
    ['Assistenza tecnico-amministrativa agli enti locali', 'assistenza e supporto tecnico amministrativo agli enti locali del territorio'],
    ['Risorse umane', 'personale, dipendenti, reclutamento, concorsi, assunzioni, dotazione organica, fabbisogni di personale, formazione del personale, contrattazione decentrata, relazioni sindacali, sicurezza sul lavoro'],
    ['Altri servizi generali', 'avvocatura, contenzioso, patrocinio e consulenza legale, ufficio relazioni con il pubblico'],
    regioni('Politica regionale unitaria per i servizi istituzionali, generali e di gestione'),
  ]],
  [2, 'Giustizia', [
    ['Uffici giudiziari', 'uffici giudiziari, giudice di pace, tribunale'],
    ['Casa circondariale e altri servizi', 'casa circondariale, carcere, detenuti'],
    regioni('Politica regionale unitaria per la giustizia'),
  ]],
  [3, 'Ordine pubblico e sicurezza', [
    ['Polizia locale e amministrativa', 'polizia locale, polizia municipale, vigilanza, controllo del territorio, codice della strada, sanzioni amministrative, polizia commerciale, annonaria'],
    ['Sistema integrato di sicurezza urbana', 'sicurezza urbana, videosorveglianza, prevenzione della criminalità, degrado urbano, legalità, ordine pubblico'],
    regioni("Politica regionale unitaria per l'ordine pubblico e la sicurezza"),
  ]],
  [4, 'Istruzione e diritto allo studio', [
    ['Istruzione prescolastica', "scuola dell'infanzia, scuola materna, edifici scolastici"],
    ['Altri ordini di istruzione non universitaria', 'scuola primaria, scuola secondaria, istituti scolastici, edifici scolastici, edilizia scolastica, manutenzione delle scuole'],
    regioni('Edilizia scolastica'),
    ['Istruzione universitaria', 'università, studenti universitari'],
    ['Istruzione tecnica superiore', 'istituti tecnici superiori, formazione tecnica'],
    ["Servizi ausiliari all'istruzione", 'trasporto scolastico, refezione scolastica, mensa, assistenza scolastica, alunni con disabilità, pre e post scuola'],
    ['Diritto allo studio', 'piano per il diritto allo studio, borse di studio, libri di testo, contributi agli studenti, sostegno scolastico'],
    regioni("Politica regionale unitaria per l'istruzione e il diritto allo studio"),
  ]],
  [5, 'Tutela e valorizzazione dei beni e delle attività culturali', [
    ['Valorizzazione dei beni di interesse storico', 'beni storici, artistici, restauro, patrimonio culturale, archeologico, architettonico'],
    ['Attività culturali e interventi diversi nel settore culturale', 'biblioteche, musei, teatri, sale espositive, manifestazioni culturali, eventi, mostre, associazioni culturali'],
    regioni('Politica regionale unitaria per la tutela dei beni e delle attività culturali'),
  ]],
  [6, 'Politiche giovanili, sport e tempo libero', [
    ['Sport e tempo libero', 'impianti sportivi, stadi, palazzo dello sport, palestre, piscine, associazioni sportive, manifestazioni sportive, attività ricreative'],
    ['Giovani', 'politiche giovanili, centri di aggregazione giovanile, informagiovani, servizio civile'],
    regioni('Politica regionale unitaria per i giovani, lo sport e il tempo libero'),
  ]],
  [7, 'Turismo', [
    ['Sviluppo e valorizzazione del turismo', 'promozione turistica, informazioni e accoglienza turistica, manifestazioni turistiche, imposta di soggiorno'],
    regioni('Politica regionale unitaria per il turismo'),
  ]],
  [8, 'Assetto del territorio ed edilizia abitativa', [
    ['Urbanistica e assetto del territorio', 'piano regolatore, piani urbanistici, piani attuativi, pianificazione urbanistica, riqualificazione urbana, arredo urbano'],
    ['Edilizia residenziale pubblica e locale e piani di edilizia economico-popolare', 'edilizia residenziale pubblica, alloggi popolari, case comunali, housing sociale'],
    regioni("Politica regionale unitaria per l'assetto del territorio e l'edilizia abitativa"),
  ]],
  [9, "Sviluppo sostenibile e tutela del territorio e dell'ambiente", [
    ['Difesa del suolo', "dissesto idrogeologico, frane, rischio idraulico, reticolo idrico, corsi d'acqua, polizia idraulica"],
    ['Tutela, valorizzazione e recupero ambientale', 'ambiente, verde pubblico, parchi urbani, giardini, bonifiche, educazione ambientale'],
    ['Rifiuti', 'raccolta differenziata, smaltimento e trattamento dei rifiuti, discarica, pulizia delle strade, centro di raccolta'],
    ['Servizio idrico integrato', 'acquedotto, fognatura, depurazione, acqua potabile'],
    ['Aree protette, parchi naturali, protezione naturalistica e forestazione', 'parchi naturali, riserve, boschi, foreste'],
    ['Tutela e valorizzazione delle risorse idriche', 'risorse idriche, fiumi, laghi, falde'],
    ['Sviluppo sostenibile territorio montano piccoli Comuni', 'territorio montano, comunità montane, piccoli comuni'],
    ["Qualità dell'aria e riduzione dell'inquinamento", 'inquinamento atmosferico, acustico, elettromagnetico, emissioni'],
    regioni("Politica regionale unitaria per lo sviluppo sostenibile e la tutela del territorio e l'ambiente"),
  ]],
  [10, 'Trasporti e diritto alla mobilità', [
    ['Trasporto ferroviario', 'ferrovia, treni, stazione'],
    ['Trasporto pubblico locale', 'trasporto pubblico locale, autobus, linee urbane, abbonamenti'],
    ["Trasporto per vie d'acqua", 'navigazione, porti, traghetti'],
    ['Altre modalità di trasporto', 'mobilità sostenibile, bike sharing, car sharing'],
    ['Viabilità e infrastrutture stradali', 'strade, vie urbane, manutenzione stradale, circolazione stradale, segnaletica, illuminazione stradale, percorsi ciclabili e pedonali, aree di sosta'],
    regioni('Politica regionale unitaria per i trasporti e il diritto alla mobilità'),
  ]],
  [11, 'Soccorso civile', [
    ['Sistema di protezione civile', 'protezione civile, piano di emergenza, volontari di protezione civile, allerta'],
    ['Interventi a seguito di calamità naturali', 'calamità naturali, alluvioni, terremoti, ricostruzione'],
    regioni('Politica regionale unitaria per il soccorso e la protezione civile'),
  ]],
  [12, 'Diritti sociali, politiche sociali e famiglia', [
    ["Interventi per l'infanzia e i minori e per asili nido", 'asilo nido, prima infanzia, minori, tutela dei minori, affido, comunità per minori'],
    ['Interventi per la disabilità', 'disabilità, persone con disabilità, inclusione, centri diurni, assistenza domiciliare'],
    ['Interventi per gli anziani', 'anziani, assistenza domiciliare, strutture residenziali, centri per anziani'],
    ['Interventi per soggetti a rischio di esclusione sociale', 'povertà, disagio sociale, esclusione sociale, inclusione sociale, senza dimora, immigrati, dipendenze'],
    ['Interventi per le famiglie', 'famiglie, figli, sostegno economico, contributi'],
    ['Interventi per il diritto alla casa', "contributi per l'affitto, alloggi, abitazione"],
    ['Programmazione e governo della rete dei servizi sociosanitari e sociali', 'piano di zona, ambito sociale, ufficio di piano, servizio sociale professionale, segretariato sociale, servizi sociosanitari'],
    ['Cooperazione e associazionismo', 'volontariato, terzo settore, associazioni, cooperative sociali'],
    ['Servizio necroscopico e cimiteriale', 'cimitero, loculi, concessioni cimiteriali, sepolture, polizia mortuaria'],
    regioni('Politica regionale unitaria per i diritti sociali e la famiglia'),
  ]],
  [13, 'Tutela della salute', [
    ['Servizio sanitario regionale - finanziamento ordinario corrente per la garanzia dei LEA', 'servizio sanitario, livelli essenziali di assistenza'],
    ['Servizio sanitario regionale - finanziamento aggiuntivo corrente per livelli di assistenza superiori ai LEA', 'servizio sanitario, livelli di assistenza'],
    ['Servizio sanitario regionale - finanziamento aggiuntivo corrente per la copertura dello squilibrio di bilancio corrente', 'servizio sanitario, disavanzo'],
    ['Servizio sanitario regionale - ripiano di disavanzi sanitari relativi ad esercizi pregressi', 'servizio sanitario, disavanzo'],
    ['Servizio sanitario regionale - investimenti sanitari', 'ospedali, strutture sanitarie'],
    ['Servizio sanitario regionale - restituzione maggiori gettiti SSN', 'servizio sanitario nazionale'],
    ['Ulteriori spese in materia sanitaria', 'igiene pubblica, sanità, randagismo, canile, prevenzione sanitaria'],
    regioni('Politica regionale unitaria per la tutela della salute'),
  ]],
  [14, 'Sviluppo economico e competitività', [
    ['Industria, PMI e Artigianato', 'imprese, attività produttive, artigianato, industria, sportello unico per le attività produttive'],
    ['Commercio - reti distributive - tutela dei consumatori', 'commercio, commercianti, negozi, mercati, fiere, pubblici esercizi, consumatori'],
    ['Ricerca e innovazione', 'ricerca, innovazione, trasferimento tecnologico'],
    ['Reti e altri servizi di pubblica utilità', 'servizi di pubblica utilità, banda larga, reti di telecomunicazione, distribuzione del gas'],
    regioni('Politica regionale unitaria per lo sviluppo economico e la competitività'),
  ]],
  [15, 'Politiche per il lavoro e la formazione professionale', [
    ['Servizi per lo sviluppo del mercato del lavoro', "lavoro, occupazione, centri per l'impiego, orientamento al lavoro"],
    ['Formazione professionale', 'formazione professionale, corsi, qualificazione'],
    ["Sostegno all'occupazione", 'inserimento lavorativo, tirocini, borse lavoro, disoccupati'],
    regioni('Politica regionale unitaria per il lavoro e la formazione professionale'),
  ]],
  [16, 'Agricoltura, politiche agroalimentari e pesca', [
    ['Sviluppo del settore agricolo e del sistema agroalimentare', 'agricoltura, aziende agricole, prodotti agroalimentari, zootecnia'],
    ['Caccia e pesca', 'caccia, pesca, fauna'],
    regioni("Politica regionale unitaria per l'agricoltura, i sistemi agroalimentari, la caccia e la pesca"),
  ]],
  [17, 'Energia e diversificazione delle fonti energetiche', [
    ['Fonti energetiche', 'energia, fonti rinnovabili, fotovoltaico, risparmio energetico'],
    regioni("Politica regionale unitaria per l'energia e la diversificazione delle fonti energetiche"),
  ]],
  [18, 'Relazioni con le altre autonomie territoriali e locali', [
    ['Relazioni finanziarie con le altre autonomie territoriali', 'trasferimenti ad altri enti, unioni di comuni, gestioni associate'],
    regioni('Politica regionale unitaria per le relazioni con le altre autonomie territoriali'),
  ]],
  [19, 'Relazioni internazionali', [
    ['Relazioni internazionali e Cooperazione allo sviluppo', 'gemellaggi, cooperazione internazionale, progetti europei'],
    regioni('Cooperazione territoriale'),
  ]],
  [20, 'Fondi e accantonamenti', [
    ['Fondo di riserva', 'fondo di riserva'],
    ['Fondo crediti di dubbia esigibilità', 'fondo crediti, crediti di dubbia esigibilità'],
    ['Altri fondi', 'accantonamenti, fondi rischi, contenzioso'],
  ]],
  [50, 'Debito pubblico', [
    ['Quota interessi ammortamento mutui e prestiti obbligazionari', 'interessi passivi, mutui, prestiti'],
    ['Quota capitale ammortamento mutui e prestiti obbligazionari', 'rimborso mutui, prestiti, indebitamento'],
  ]],
  [60, 'Anticipazioni finanziarie', [
    ['Restituzione anticipazione di tesoreria', 'anticipazione di tesoreria, cassa'],
  ]],
  [99, 'Servizi per conto terzi', [
    ['Servizi per conto terzi - Partite di giro', 'partite di giro, ritenute, depositi cauzionali, conto terzi'],
    regioni('Anticipazioni per il finanziamento del sistema sanitario nazionale'),
  ]],
];

/** Every Missione of the allegato, in code order. */
export const MISSIONI: readonly Missione[] = ALLEGATO_14.map(([code, name, rows]) => ({
  code,
  name,
  programmi: rows.map((row, i) =>
    'regioniOnly' in row
      ? { missione: code, code: i + 1, name: row.name, scope: null, regioniOnly: true }
      : { missione: code, code: i + 1, name: row[0], scope: row[1], regioniOnly: false },
  ),
}));

const BY_CODE = new Map(MISSIONI.map((m) => [m.code, m]));

export function missioneByCode(code: number): Missione | null {
  return BY_CODE.get(code) ?? null;
}

export function programmaByCode(missione: number, programma: number): Programma | null {
  return missioneByCode(missione)?.programmi.find((p) => p.code === programma) ?? null;
}

/**
 * Below this a name is not taken for a catalogue entry. The score (see `nameScore`)
 * is 1 for the entry's own words; "Sport e tempo libero" against "Politiche
 * giovanili, sport e tempo libero" scores 0.88, "Istruzione" against "Istruzione e
 * diritto allo studio" 0.71, "Cultura" against the five words of Missione 5 0.56.
 */
export const NAME_MATCH_THRESHOLD = 0.6;

/**
 * The best entry must beat the runner-up by this much: where two entries match a
 * name about equally, a choice between them would be a guess, not a reading.
 */
export const NAME_MATCH_MARGIN = 0.1;

/**
 * How much more the query's words being found weighs than the entry's words being
 * covered (the β of an F-score, below 1 to favour the former): a document shortens
 * an official name ("Sport e tempo libero") far more often than it pads it.
 */
const QUERY_COVERAGE_BETA = 0.5;

/** Shorter stems must match exactly; longer ones may be a prefix ("cultur" of "cultural"). */
const PREFIX_MATCH_MIN_LENGTH = 5;

/** Words that label a heading or a cell rather than name the entry. */
const LABEL_STEMS = new Set(['mission', 'programm'].flatMap(contentStems));

/** The distinct stems of a name, without the "Missione" / "Programma" label. */
const nameStems = (name: string): Set<string> =>
  new Set(contentStems(name).filter((stem) => !LABEL_STEMS.has(stem)));

const stemsMatch = (a: string, b: string): boolean =>
  a === b ||
  (Math.min(a.length, b.length) >= PREFIX_MATCH_MIN_LENGTH && (a.startsWith(b) || b.startsWith(a)));

interface NameScore {
  /** share of the query's stems found in the entry */
  precision: number;
  /** share of the entry's stems found in the query */
  recall: number;
  /** their F_β */
  score: number;
}

function nameScore(query: ReadonlySet<string>, entry: ReadonlySet<string>): NameScore {
  const found = (from: ReadonlySet<string>, to: ReadonlySet<string>): number =>
    [...from].filter((a) => [...to].some((b) => stemsMatch(a, b))).length;
  const precision = query.size === 0 ? 0 : found(query, entry) / query.size;
  const recall = entry.size === 0 ? 0 : found(entry, query) / entry.size;
  const b2 = QUERY_COVERAGE_BETA ** 2;
  const score = precision === 0 || recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
  return { precision, recall, score };
}

/** A catalogue entry with the stems of its name, computed once. */
interface Named<T> {
  entry: T;
  stems: ReadonlySet<string>;
}

const named = <T extends { name: string }>(entries: readonly T[]): Named<T>[] =>
  entries.map((entry) => ({ entry, stems: nameStems(entry.name) }));

/**
 * The entry the name matches clearly enough, or null: too weak a match, another entry
 * nearly as good, or, short of the entry's own words, another entry holding as much
 * of the name ("Tutela" is in the names of Missioni 5, 9 and 13; it names none).
 */
function bestMatch<T>(name: string, candidates: readonly Named<T>[]): { entry: T; score: number } | null {
  const query = nameStems(name);
  const ranked = candidates
    .map(({ entry, stems }) => ({ entry, ...nameScore(query, stems) }))
    .sort((a, b) => b.score - a.score);
  const [best, ...others] = ranked;
  if (!best || best.score < NAME_MATCH_THRESHOLD) return null;
  if (others.some((o) => best.score - o.score < NAME_MATCH_MARGIN)) return null;
  if (best.recall < 1 && others.some((o) => o.precision >= best.precision)) return null;
  return { entry: best.entry, score: best.score };
}

const MISSIONE_NAMES = named(MISSIONI);
const PROGRAMMA_NAMES = new Map(MISSIONI.map((m) => [m.code, named(m.programmi)]));

export interface MissioneMatch {
  code: number;
  /** the official name */
  name: string;
  /** how well the words matched: 1 for the official words, down to NAME_MATCH_THRESHOLD */
  score: number;
}

export interface ProgrammaMatch extends MissioneMatch {
  missione: number;
}

/**
 * The Missione a name written in other words stands for: "sport e tempo libero" → 6,
 * "Diritti sociali, politiche sociali e famiglie" → 12. Accents, case, plurals and a
 * "Missione 06 –" label do not matter; null when no Missione matches clearly.
 */
export function matchMissione(name: string): MissioneMatch | null {
  const best = bestMatch(name, MISSIONE_NAMES);
  return best && { code: best.entry.code, name: best.entry.name, score: best.score };
}

/** The same for a Programma within a known Missione: (1, "RISORSE UMANE") → 1.10. */
export function matchProgramma(missione: number, name: string): ProgrammaMatch | null {
  const best = bestMatch(name, PROGRAMMA_NAMES.get(missione) ?? []);
  return best && { missione, code: best.entry.code, name: best.entry.name, score: best.score };
}
