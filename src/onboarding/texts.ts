import type { CentreService } from "../dispatch/command.ts";
import { t } from "../i18n/catalog.ts";
import { localeOf, type Language } from "../i18n/language.ts";
import { commandLine, commandName } from "../i18n/command-line.ts";
import type { RoomRecord } from "../../storage/rooms-store.ts";
import { trainingCommandName } from "../trainings/texts.ts";
import { code, escapeMarkdown, joinMarkdown, link, trusted, type Markdown } from "../render/markdown.ts";
import { nestsTooDeeply } from "../render/stored-markdown.ts";

/** How welcome texts and the guide name the room: the association's name, else the room's; undefined when it has neither. */
export function roomDisplayName(room: Pick<RoomRecord, "associationName" | "name"> | undefined): string | undefined {
  return room?.associationName ?? room?.name ?? undefined;
}

/** Commands of this area whose names the texts show. */
type OnboardingCommand = "faq" | "premiersPas" | "bienvenueApercu" | "bienvenueDefinir" | "bienvenueOn" | "faqAjouter" | "faqAjouterCentre";

/** "faq ajouter": the first name of a command of this area in the language. */
export function onboardingCommandName(language: Language, command: OnboardingCommand): string {
  return commandName(language, `onboarding.${command}`);
}

/** `!faq`: a command of this area in the language, as a code span. */
export function onboardingCommand(language: Language, prefix: string, command: OnboardingCommand): Markdown {
  return commandLine(language, `onboarding.${command}`, prefix);
}


/** "@a, @b et @c": the pills joined as the language joins a list. */
function listOf(items: readonly Markdown[], language: Language): Markdown {
  const parts = new Intl.ListFormat(localeOf(language), { type: "conjunction" }).formatToParts(items.map((_, index) => String(index)));
  return trusted(parts.map((part) => (part.type === "element" ? (items[Number(part.value)]?.source ?? "") : escapeMarkdown(part.value))).join(""));
}

/**
 * "Bienvenue @a et @b !" (the newcomers' pills) then the room's text, or Minou's default one:
 * also in place of a text stored before nesting was bounded that nests too deeply to show.
 * A room's own text is shown as stored, in whatever language its moderators wrote it.
 */
export function welcomeMessage(newcomers: readonly Markdown[], roomName: string | undefined, customText: string | null, language: Language, prefix: string): Markdown {
  const greeting = t(language, "onboarding.welcome.greeting", { newcomers: listOf(newcomers, language) });
  if (customText !== null && !nestsTooDeeply(customText)) return joinMarkdown([greeting, trusted(customText)], "\n\n");
  const commands = {
    help: commandLine(language, "general.aide", prefix),
    agenda: commandLine(language, "agenda.agenda", prefix),
    docs: commandLine(language, "documents.docs", prefix),
    trainings: code(`${prefix}${trainingCommandName(language, "formations")}`),
    faq: onboardingCommand(language, prefix, "faq"),
  };
  const body = roomName === undefined ? t(language, "onboarding.welcome.bodyUnnamed", commands) : t(language, "onboarding.welcome.body", { room: roomName, ...commands });
  return joinMarkdown([greeting, body], "\n\n");
}

/** The getting-started guide for Element, sent privately once to each newcomer. */
export function guideMessage(roomName: string | undefined, services: readonly CentreService[], language: Language, prefix: string): Markdown {
  const serviceLines = services.map((service) => t(language, "onboarding.guide.service", { link: link(service.name, service.url), description: service.description }));
  const sections: Markdown[] = [
    roomName === undefined ? t(language, "onboarding.guide.introUnnamed") : t(language, "onboarding.guide.intro", { room: roomName }),
    t(language, "onboarding.guide.profile"),
    t(language, "onboarding.guide.notifications"),
    t(language, "onboarding.guide.replies"),
    t(language, "onboarding.guide.reactions"),
    t(language, "onboarding.guide.agenda", { agendaLink: commandLine(language, "agenda.lien", prefix) }),
    t(language, "onboarding.guide.documents", { docs: commandLine(language, "documents.docs", prefix) }),
    ...(serviceLines.length === 0 ? [] : [joinMarkdown([t(language, "onboarding.guide.services"), ...serviceLines], "\n")]),
    t(language, "onboarding.guide.anyTime", { help: commandLine(language, "general.aide", prefix), guide: onboardingCommand(language, prefix, "premiersPas") }),
  ];
  return joinMarkdown(sections, "\n\n");
}
