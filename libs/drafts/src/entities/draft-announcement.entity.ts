import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last version of a draft announced with `draft.updated` (coalescing: at most one per draft and second).
 * Its own row, not a column of `drafts`: the announcing transaction then never holds the draft's row lock,
 * which every live commit of the draft needs.
 */
@Entity('draft_announcements')
export class DraftAnnouncementEntity {
  @PrimaryColumn({ name: 'draft_id', type: 'uuid' })
  draftId: string;

  @Column({ type: 'int' })
  version: number;
}
