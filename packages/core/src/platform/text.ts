// The one shape of a text the system shows in both of its languages: labels, messages, units, notes.
// Chinese is the default language, English the switch (`Accept-Language: en`, the web's en-US locale).

export type Bilingual = { zh: string; en: string };
