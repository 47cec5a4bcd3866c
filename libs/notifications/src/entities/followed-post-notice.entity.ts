import { Entity, PrimaryColumn } from 'typeorm';

/**
 * That a person's coalesced followed-thread notice counted a post. The count only grows when this row is new, so
 * an event run again (a replay with `--consumer`, say) counts nothing twice.
 */
@Entity('followed_post_notices')
export class FollowedPostNoticeEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'post_id', type: 'uuid' })
  postId: string;
}
