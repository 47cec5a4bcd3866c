import { Initial1795532863825 } from './1795532863825-Initial';
import { Domains1795534327134 } from './1795534327134-Domains';
import { Drafts1795535411256 } from './1795535411256-Drafts';
import { DraftsContentVersion1795791187629 } from './1795791187629-DraftsContentVersion';
import { OutboxTable1795793028176 } from './1795793028176-OutboxTable';
import { DraftAnnouncements1795803605659 } from './1795803605659-DraftAnnouncements';
import { ThreadActivityMarks1795809465387 } from './1795809465387-ThreadActivityMarks';
import { FollowedPostNotices1795810499453 } from './1795810499453-FollowedPostNotices';
import { DraftNotifications1795837574076 } from './1795837574076-DraftNotifications';
import { DeliveryLedger1796539987492 } from './1796539987492-DeliveryLedger';
import { ModerationNotices1796542575252 } from './1796542575252-ModerationNotices';
import { AccountBasics1796542754940 } from './1796542754940-AccountBasics';
import { Organisations1796900350000 } from './1796900350000-Organisations';
import { Consultations1796900400000 } from './1796900400000-Consultations';
import { RichTextDrafts1796900000000 } from './1796900000000-RichTextDrafts';
import { RevisionBlocks1796900200000 } from './1796900200000-RevisionBlocks';
import { TrackedChanges1796900300000 } from './1796900300000-TrackedChanges';
import { Needs1796900700000 } from './1796900700000-Needs';
import { AppliedProposals1796900800000 } from './1796900800000-AppliedProposals';
import { Site1796901100000 } from './1796901100000-Site';
import { ConsultationNotices1796900600000 } from './1796900600000-ConsultationNotices';
import { SingleSignOn1796901200000 } from './1796901200000-SingleSignOn';
import { MailPeopleCanActOn1796901300000 } from './1796901300000-MailPeopleCanActOn';
import { NeedsSignalNotices1796901400000 } from './1796901400000-NeedsSignalNotices';

// Migrations run in the order of this list (oldest first). scripts/migration-generate.js rewrites this file.
export const ALL_MIGRATIONS = [
  Initial1795532863825,
  Domains1795534327134,
  Drafts1795535411256,
  DraftsContentVersion1795791187629,
  OutboxTable1795793028176,
  DraftAnnouncements1795803605659,
  ThreadActivityMarks1795809465387,
  FollowedPostNotices1795810499453,
  DraftNotifications1795837574076,
  DeliveryLedger1796539987492,
  ModerationNotices1796542575252,
  AccountBasics1796542754940,
  RichTextDrafts1796900000000,
  RevisionBlocks1796900200000,
  TrackedChanges1796900300000,
  Organisations1796900350000,
  Consultations1796900400000,
  ConsultationNotices1796900600000,
  Needs1796900700000,
  AppliedProposals1796900800000,
  Site1796901100000,
  SingleSignOn1796901200000,
  MailPeopleCanActOn1796901300000,
  NeedsSignalNotices1796901400000,
];
