import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { streamName, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError, decodeCursor, isTimeIdCursor, Page, toPage } from '@runde/platform';
import { ResolveFlagDto } from '../dto/discussion.dto';
import { FlagEntity } from '../entities/flag.entity';
import { PostEntity } from '../entities/post.entity';
import { ThreadEntity } from '../entities/thread.entity';
import { DiscussionReader } from '../threads/discussion-reader';
import { ModerationService } from './moderation.service';

/** Flags by readers, the moderation queue of a group, and resolving a flag (dismiss, or hide the post). */
@Injectable()
export class FlagsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DiscussionReader,
    private readonly moderation: ModerationService,
  ) {}

  async flag(caller: Caller, postId: string, reason: string) {
    await this.policy.assert(caller, 'read', 'post', postId, 'Post');
    return this.uow.run(async (tx) => {
      const post = await tx.manager.findOneByOrFail(PostEntity, { id: postId });
      // The flag takes its thread's group; a move (which locks the thread for update and moves the thread's
      // flags along) waits for this key-share lock, or this read for the move, so no flag is left behind.
      // Posting (a no-key update of the thread) does not wait for it.
      const thread = await tx.manager
        .getRepository(ThreadEntity)
        .createQueryBuilder('t')
        .setLock('for_key_share')
        .where('t.id = :id', { id: post.threadId })
        .getOneOrFail();
      if (await tx.manager.existsBy(FlagEntity, { postId, reporterId: caller.id, status: 'open' })) {
        throw AppError.conflict('You have flagged this post already').because('ALREADY_FLAGGED');
      }
      const flag = await tx.manager.save(
        tx.manager.create(FlagEntity, {
          postId,
          threadId: thread.id,
          groupId: thread.groupId,
          reporterId: caller.id,
          reason,
          status: 'open',
        }),
      );
      tx.append(
        streamName('group', thread.groupId),
        'flag.created',
        { flagId: flag.id, postId, threadId: thread.id },
        caller.id,
      );
      return {
        id: flag.id,
        postId,
        threadId: thread.id,
        groupId: thread.groupId,
        reason,
        status: flag.status,
        createdAt: flag.createdAt.toISOString(),
      };
    });
  }

  async queue(caller: Caller, groupId: string, limit = 20, cursor?: string): Promise<Page<unknown>> {
    await this.policy.assert(caller, 'moderate', 'group', groupId, 'Group');
    const after = decodeCursor(cursor, isTimeIdCursor);
    const qb = this.dataSource
      .getRepository(FlagEntity)
      .createQueryBuilder('f')
      .where('f.group_id = :groupId AND f.status = :status', { groupId, status: 'open' })
      .orderBy('f.created_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(limit + 1);
    if (after) qb.andWhere('(f.created_at, f.id) > (:t, :id)', { t: after.t, id: after.id });
    const flags = await qb.getMany();
    const posts = flags.length
      ? await this.dataSource.getRepository(PostEntity).findBy({ id: In(flags.map((f) => f.postId)) })
      : [];
    const postViews = new Map(
      (await this.reader.postViews(posts)).map((v, i) => [v.id, { ...v, body: posts[i].body }]),
    );
    const people = await this.reader.people(flags.map((f) => f.reporterId));
    return toPage(
      flags,
      limit,
      (f) => ({
        id: f.id,
        reason: f.reason,
        status: f.status,
        createdAt: f.createdAt.toISOString(),
        reporter: people.get(f.reporterId),
        post: postViews.get(f.postId),
      }),
      (f) => ({ t: f.createdAt.toISOString(), id: f.id }),
    );
  }

  /** How many flags of the group are open (owners, moderators): what the group page shows beside its queue. */
  async openCount(caller: Caller, groupId: string): Promise<{ open: number }> {
    await this.policy.assert(caller, 'moderate', 'group', groupId, 'Group');
    const open = await this.dataSource.getRepository(FlagEntity).countBy({ groupId, status: 'open' });
    return { open };
  }

  async resolve(caller: Caller, flagId: string, dto: ResolveFlagDto) {
    const flag = await this.dataSource.getRepository(FlagEntity).findOneBy({ id: flagId });
    if (!flag) throw AppError.notFound('Flag');
    await this.assertResolver(caller, flag.groupId);
    if (dto.action === 'hide' && !dto.reasonCode) {
      throw AppError.validation('reasonCode is required to hide', [
        { field: 'reasonCode', messages: ['reasonCode is required to hide'] },
      ]);
    }
    return this.uow.run(async (tx) => {
      const current = await tx.manager
        .getRepository(FlagEntity)
        .createQueryBuilder('f')
        .setLock('pessimistic_write')
        .where('f.id = :flagId', { flagId })
        .getOneOrFail();
      // Its thread moved to another group since the check: that group's moderators resolve it now.
      if (current.groupId !== flag.groupId) await this.assertResolver(caller, current.groupId);
      if (current.status !== 'open')
        throw AppError.conflict('This flag has been resolved already').because('FLAG_RESOLVED');
      const status = dto.action === 'hide' ? 'hidden' : 'dismissed';
      // Resolving one flag closes every open flag on the same post.
      await tx.manager.update(
        FlagEntity,
        { postId: current.postId, status: 'open' },
        { status, resolvedBy: caller.id, resolvedAt: new Date() },
      );
      if (dto.action === 'hide') {
        const postAccess = await this.policy.assert(caller, 'moderate', 'post', current.postId, 'Post');
        await this.moderation.hideIn(
          tx,
          caller,
          current.postId,
          dto.reasonCode!,
          dto.note ?? null,
          postAccess,
        );
      } else {
        await this.moderation.log(
          tx,
          caller,
          current.groupId,
          'flag_dismissed',
          'flag',
          flagId,
          null,
          dto.note ?? null,
          {
            postId: current.postId,
          },
        );
      }
      tx.append(
        streamName('group', current.groupId),
        'flag.resolved',
        { flagId, postId: current.postId, resolution: status },
        caller.id,
      );
      return { id: flagId, status };
    });
  }

  /** Flags are resolved by the moderators of their group; to anyone who cannot read the group they do not exist. */
  private async assertResolver(caller: Caller, groupId: string): Promise<void> {
    const access = await this.policy.assert(caller, 'read', 'group', groupId, 'Flag');
    if (!access.moderate) throw AppError.forbidden('Only moderators and owners may resolve flags');
  }
}
