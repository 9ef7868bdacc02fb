/**
 * A story told by five outlets in five languages (English, Ukrainian, Russian, Arabic, Japanese),
 * with a fact and an event quoted in the reports' own scripts: the content tree of the language
 * tests, built as a site in any language (`language`).
 */
import { article, contentTree } from "./fixture.ts";

const LANGUAGE_SOURCES = [
  { id: "kyiv-independent", name: "Kyiv Independent", url: "https://kyiv-independent.example", language: "en" },
  { id: "ukrinform", name: "Укрінформ", url: "https://ukrinform.example", language: "uk" },
  { id: "tass", name: "ТАСС", url: "https://tass.example", language: "ru" },
  { id: "al-jazeera", name: "الجزيرة", url: "https://aljazeera.example", language: "ar" },
  { id: "nhk", name: "NHK", url: "https://nhk.example", language: "ja" },
];

const STORY = "kursk-visit";

/** The report of each source: its file, its language, and words only it has (to find it). */
export const REPORTS = {
  en: {
    file: "src/articles/kyiv-independent/sybiha-invites-un.md",
    title: "Sybiha invites UN and Red Cross to Kursk region",
    body: "Foreign Minister Andrii Sybiha said on Friday that Kyiv had invited the United Nations and the International Committee of the Red Cross to visit the Kursk region.\n\nThe ministry said 74 settlements were under Ukrainian control.\n",
  },
  uk: {
    file: "src/articles/ukrinform/sybiha-zaproshuie-oon.md",
    title: "Сибіга запросив ООН і Червоний Хрест на Курщину",
    body: "Міністр закордонних справ Андрій Сибіга заявив у п’ятницю, що Київ запросив ООН та Міжнародний комітет Червоного Хреста відвідати Курську область.\n\nЗа даними міністерства, під контролем ЗСУ перебувають 74 населені пункти.\n",
  },
  ru: {
    file: "src/articles/tass/kiev-priglasil-oon.md",
    title: "Киев пригласил ООН и МККК в Курскую область",
    body: "Министр иностранных дел Украины Андрей Сибига заявил, что Киев пригласил ООН и Международный комитет Красного Креста посетить Курскую область.\n\nВ Москве назвали это заявление провокацией.\n",
  },
  ar: {
    file: "src/articles/al-jazeera/ukraine-invites-un.md",
    title: "أوكرانيا تدعو الأمم المتحدة والصليب الأحمر إلى كورسك",
    body: "قال وزير الخارجية الأوكراني أندريه سيبيها إن كييف دعت الأمم المتحدة واللجنة الدولية للصليب الأحمر إلى زيارة منطقة كورسك.\n\nوأضاف أن 74 بلدة تخضع للسيطرة الأوكرانية.\n",
  },
  ja: {
    file: "src/articles/nhk/ukraine-kursk.md",
    title: "ウクライナ、国連と赤十字をクルスク州に招待",
    body: "ウクライナのシビハ外相は、国連と赤十字国際委員会をクルスク州に招待したと述べた。\n\n同省によると、74の集落がウクライナの管理下にある。\n",
  },
} as const;

export type ReportLanguage = keyof typeof REPORTS;

const key = (lang: ReportLanguage) => REPORTS[lang].file.replace(/^src\/articles\//, "").replace(/\.md$/, "");

/** Quotes as the claims and events cite them (in each report's own script). */
export const QUOTES = {
  en: "74 settlements were under Ukrainian control",
  uk: "під контролем ЗСУ перебувають 74 населені пункти",
  ar: "74 بلدة تخضع للسيطرة الأوكرانية",
  ja: "74の集落がウクライナの管理下にある",
  ru: "Киев пригласил ООН и Международный комитет Красного Креста посетить Курскую область",
};

/** The content tree, as files; `overrides` replaces or adds files (a wrong quote, a locale). */
export function languageFiles(overrides: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  let hour = 8;
  for (const [lang, r] of Object.entries(REPORTS)) {
    const source = r.file.split("/")[2]!;
    files[r.file] = article(
      { title: r.title, source, date: `2024-09-13T${String(hour++).padStart(2, "0")}:00:00+03:00`, story: STORY },
      r.body,
    );
    void lang;
  }
  files["_data/sources.json"] = JSON.stringify(LANGUAGE_SOURCES);
  files["_data/stories.json"] = JSON.stringify([
    { id: STORY, title: "Україна запрошує ООН і МКЧХ на Курщину", date: "2024-09-13" },
  ]);
  files["_data/entities.json"] = JSON.stringify([
    {
      id: "andrii-sybiha",
      name: "Andrii Sybiha",
      type: "person",
      aliases: ["Сибіга", "Сибига", "سيبيها", "シビハ"],
    },
  ]);
  files["_data/claims.json"] = JSON.stringify([
    {
      id: "settlements",
      story: STORY,
      label: "Населені пункти під контролем ЗСУ",
      citations: [
        { article: key("en"), quote: QUOTES.en, value: "74" },
        { article: key("uk"), quote: QUOTES.uk, value: "74" },
        {
          article: key("ar"),
          quote: QUOTES.ar,
          translation: "74 населені пункти під контролем України",
          value: "74",
        },
        { article: key("ja"), quote: QUOTES.ja, value: "74" },
      ],
    },
  ]);
  files["_data/events.json"] = JSON.stringify([
    {
      id: "invitation",
      date: "2024-09-13",
      title: "Київ запросив ООН і МКЧХ на Курщину",
      story: STORY,
      citations: [
        {
          article: key("ru"),
          quote: QUOTES.ru,
          translation: "Київ запросив ООН і Міжнародний комітет Червоного Хреста відвідати Курську область",
        },
      ],
    },
  ]);
  return { ...files, ...overrides };
}

/** The tree written, with site.json in `language`. */
export function languageTree(language: string, overrides: Record<string, string> = {}): string {
  return contentTree({
    site: {
      title: "Курськ у звітах",
      description: "Як видання різними мовами розповідали про Курщину.",
      language,
      url: "https://languages.example",
    },
    files: languageFiles(overrides),
  });
}
