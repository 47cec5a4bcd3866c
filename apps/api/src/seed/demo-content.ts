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

### Wartezeiten auf Integrationskurse (Umfrage Herbst)

| Regierungsbezirk | Wartezeit | Tendenz |
| --- | --- | --- |
| Stuttgart | drei Monate | gleichbleibend |
| Karlsruhe | vier Monate | steigend |
| Freiburg | fünf Monate | steigend |
| Tübingen | sechs Monate | steigend |

## Zeitplan

Die Eckpunkte werden bis zum Frühjahr abgestimmt und danach im Netzwerk beraten.
`;

/** Character offsets of a sentence in the draft's text (for anchoring comments and suggestions). */
function rangeOf(text: string, sentence: string): { start: number; end: number } {
  const start = text.indexOf(sentence);
  if (start < 0) throw new Error(`demo draft: "${sentence}" is not in the text`);
  return { start, end: start + sentence.length };
}

type Role = keyof DemoCast;

/** A discussion: its first post, then the replies (`replyTo`: the index of the earlier reply it answers). */
interface DemoThread {
  author: Role;
  title: string;
  body: string;
  replies: Array<{ author: Role; body: string; replyTo?: number }>;
}

const LANGUAGE_COURSES = {
  title: 'Sprachförderung und Integrationskurse',
  description: 'Erfahrungen aus den Kreisen: Wartezeiten, Kursangebote, Kinderbetreuung.',
  visibility: 'network' as const,
  threads: [
    {
      author: 'ortenau',
      title: 'Wartezeiten auf Integrationskurse in den Landkreisen',
      body:
        'Im Ortenaukreis warten Teilnehmende derzeit vier bis sechs Monate auf einen Platz in einem Integrationskurs. ' +
        'Wie sieht es bei Ihnen aus?',
      replies: [
        {
          author: 'stuttgart',
          body: 'In Stuttgart sind es rund drei Monate. Abendkurse sind deutlich schneller belegt als Vormittagskurse.',
        },
        {
          author: 'moderator',
          body: 'Der Landkreistag sammelt die Zahlen gerne für alle Kreise. Ein einheitliches Stichdatum würde den Vergleich erleichtern.',
        },
        {
          author: 'leader',
          body: 'Danke! Wir nehmen eine gemeinsame Übersicht der Wartezeiten als Maßnahme in die Eckpunkte auf.',
          replyTo: 0,
        },
      ],
    },
    {
      author: 'stuttgart',
      title: 'Kinderbetreuung während der Sprachkurse',
      body: 'Ohne Betreuung können viele Mütter nicht teilnehmen. Welche Modelle haben sich bei Ihnen bewährt?',
      replies: [
        {
          author: 'ortenau',
          body: 'Wir arbeiten mit zwei Kitas in Kursnähe zusammen; die Plätze werden über das Integrationsmanagement vergeben.',
        },
      ],
    },
  ] satisfies DemoThread[],
};

const STRATEGY = {
  title: 'Integrationsmanagement: Strategie 2027',
  description: 'Gemeinsame Eckpunkte von Land und Kommunen.',
  visibility: 'group' as const,
  threads: [
    {
      author: 'moderator',
      title: 'Rückmeldungen zum Eckpunktepapier',
      body: 'Bitte Anmerkungen direkt im Entwurf als Kommentar oder Vorschlag; grundsätzliche Fragen gerne hier.',
      replies: [
        {
          author: 'ortenau',
          body: 'Sollten die ländlichen Räume im Zeitplan nicht eigens berücksichtigt werden?',
        },
      ],
    },
  ] satisfies DemoThread[],
};

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
  const count = { topics: 0, threads: 0, posts: 0, drafts: 0 };
  const topicIds: string[] = [];
  for (const { threads: discussions, ...topic } of [LANGUAGE_COURSES, STRATEGY]) {
    const created = await topics.create(cast.leader, groupId, topic);
    topicIds.push(created.id);
    count.topics++;
    for (const discussion of discussions as DemoThread[]) {
      const thread = await threads.create(cast[discussion.author], created.id, discussion);
      const replies: string[] = [];
      for (const reply of discussion.replies) {
        const replyTo = reply.replyTo === undefined ? undefined : replies[reply.replyTo];
        replies.push((await posts.create(cast[reply.author], thread.id, reply.body, replyTo)).id);
      }
      count.threads++;
      count.posts += 1 + replies.length;
    }
  }

  const { leader, moderator, stuttgart, ortenau } = cast;
  const draft = await app
    .get(DraftsService)
    .create(leader, topicIds[1], 'Eckpunkte Integrationsmanagement 2027', DEMO_DRAFT_TEXT);
  count.drafts++;
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
  return count;
}
