import type { INestApplicationContext } from '@nestjs/common';
import { PostsService, ThreadsService, TopicsService } from '@runde/discussion';
import { CommentsService, DraftsService, RevisionsService, SuggestionsService } from '@runde/drafts';
import type { Caller } from '@runde/identity';

/** The demo people in the order DemoSeeder creates them: leader, moderator, two members, an observer. */
export interface DemoCast {
  leader: Caller;
  moderator: Caller;
  stuttgart: Caller;
  ortenau: Caller;
}

/** The strategy draft's opening text (Markdown; its headings are the draft's sections). */
export const DEMO_DRAFT_TEXT = `# Eckpunkte Integrationsmanagement 2027

## Ausgangslage

Das Integrationsmanagement ist in allen Stadt- und Landkreisen eingeführt. Die Fallzahlen je Integrationsmanagerin und Integrationsmanager unterscheiden sich zwischen den Kreisen stark.

Viele Kreise berichten von langen Wartezeiten auf Integrationskurse, vor allem in ländlichen Räumen.

## Ziele

Bedarfe vor Ort sollen früher sichtbar werden, damit Land und Kommunen ihre Angebote rechtzeitig anpassen können.

## Maßnahmen

1. Eine gemeinsame Übersicht der Wartezeiten auf Integrationskurse, halbjährlich fortgeschrieben.
2. Ein Austauschformat der Integrationsbeauftragten je Regierungsbezirk.
3. Kinderbetreuung während der Kurse als fester Bestandteil der Förderung.

## Zeitplan

Die Eckpunkte werden bis zum Frühjahr abgestimmt und danach im Netzwerk beraten.
`;

/** Character offsets of a sentence in the draft's text (for anchoring comments and suggestions). */
function rangeOf(text: string, sentence: string): { start: number; end: number } {
  const start = text.indexOf(sentence);
  if (start < 0) throw new Error(`demo draft: "${sentence}" is not in the text`);
  return { start, end: start + sentence.length };
}

/**
 * What a first look at runde should show: two topics of the working group, discussion threads with replies
 * between the ministry, the association and the districts, and a strategy draft with a named revision, a comment
 * anchored to a sentence (with a reply) and an open suggestion. Written through the product's own services, so
 * every change carries its domain events as any user's would.
 */
export async function seedDemoContent(
  app: INestApplicationContext,
  groupId: string,
  cast: DemoCast,
): Promise<{ topics: number; threads: number; posts: number; drafts: number }> {
  const topics = app.get(TopicsService);
  const threads = app.get(ThreadsService);
  const posts = app.get(PostsService);
  const { leader, moderator, stuttgart, ortenau } = cast;
  let postCount = 0;

  const languageCourses = await topics.create(leader, groupId, {
    title: 'Sprachförderung und Integrationskurse',
    description: 'Erfahrungen aus den Kreisen: Wartezeiten, Kursangebote, Kinderbetreuung.',
    visibility: 'network',
  });
  const waiting = await threads.create(ortenau, languageCourses.id, {
    title: 'Wartezeiten auf Integrationskurse in den Landkreisen',
    body:
      'Im Ortenaukreis warten Teilnehmende derzeit vier bis sechs Monate auf einen Platz in einem Integrationskurs. ' +
      'Wie sieht es bei Ihnen aus?',
  });
  const stuttgartReply = await posts.create(
    stuttgart,
    waiting.id,
    'In Stuttgart sind es rund drei Monate. Abendkurse sind deutlich schneller belegt als Vormittagskurse.',
  );
  await posts.create(
    moderator,
    waiting.id,
    'Der Landkreistag sammelt die Zahlen gerne für alle Kreise. Ein einheitliches Stichdatum würde den Vergleich erleichtern.',
  );
  await posts.create(
    leader,
    waiting.id,
    'Danke! Wir nehmen eine gemeinsame Übersicht der Wartezeiten als Maßnahme in die Eckpunkte auf.',
    stuttgartReply.id,
  );
  postCount += 4;
  const childcare = await threads.create(stuttgart, languageCourses.id, {
    title: 'Kinderbetreuung während der Sprachkurse',
    body: 'Ohne Betreuung können viele Mütter nicht teilnehmen. Welche Modelle haben sich bei Ihnen bewährt?',
  });
  await posts.create(
    ortenau,
    childcare.id,
    'Wir arbeiten mit zwei Kitas in Kursnähe zusammen; die Plätze werden über das Integrationsmanagement vergeben.',
  );
  postCount += 2;

  const strategy = await topics.create(leader, groupId, {
    title: 'Integrationsmanagement: Strategie 2027',
    description: 'Gemeinsame Eckpunkte von Land und Kommunen.',
    visibility: 'group',
  });
  const feedback = await threads.create(moderator, strategy.id, {
    title: 'Rückmeldungen zum Eckpunktepapier',
    body: 'Bitte Anmerkungen direkt im Entwurf als Kommentar oder Vorschlag; grundsätzliche Fragen gerne hier.',
  });
  await posts.create(
    ortenau,
    feedback.id,
    'Sollten die ländlichen Räume im Zeitplan nicht eigens berücksichtigt werden?',
  );
  postCount += 2;

  const drafts = app.get(DraftsService);
  const draft = await drafts.create(
    leader,
    strategy.id,
    'Eckpunkte Integrationsmanagement 2027',
    DEMO_DRAFT_TEXT,
  );
  await app.get(RevisionsService).create(leader, draft.id, 'Erster Entwurf');
  const comments = app.get(CommentsService);
  const comment = await comments.create(stuttgart, draft.id, {
    body: 'Können wir hier die Zahlen aus der Umfrage des Landkreistags ergänzen?',
    anchor: rangeOf(
      draft.content,
      'Die Fallzahlen je Integrationsmanagerin und Integrationsmanager unterscheiden sich zwischen den Kreisen stark.',
    ),
  });
  await comments.reply(moderator, draft.id, comment.id, 'Ja, die Auswertung liegt Ende des Monats vor.');
  await app.get(SuggestionsService).create(ortenau, draft.id, {
    anchor: rangeOf(draft.content, 'Ein Austauschformat der Integrationsbeauftragten je Regierungsbezirk.'),
    replacement:
      'Ein Austauschformat der Integrationsbeauftragten je Regierungsbezirk, mindestens zweimal im Jahr und auch digital.',
    rationale: 'Für die Flächenkreise sind die Wege zu Präsenztreffen weit.',
  });

  return { topics: 2, threads: 3, posts: postCount, drafts: 1 };
}
