import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { streamName, TopicPayload, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import { AppError } from '@runde/platform';
import type { Caller } from '@runde/identity';
import { CreateTopicDto, UpdateTopicDto } from '../dto/discussion.dto';
import { TopicEntity } from '../entities/topic.entity';
import { topicView } from '../views';

@Injectable()
export class TopicsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
  ) {}

  async create(caller: Caller, groupId: string, dto: CreateTopicDto): Promise<TopicPayload> {
    await this.policy.assert(caller, 'moderate', 'group', groupId, 'Group');
    return this.uow.run(async (tx) => {
      const topic = await tx.manager.save(
        tx.manager.create(TopicEntity, {
          groupId,
          title: dto.title,
          description: dto.description ?? '',
          visibility: dto.visibility,
          createdBy: caller.id,
        }),
      );
      const view = topicView(topic);
      tx.append(streamName('group', groupId), 'topic.created', { topic: view }, caller.id);
      return view;
    });
  }

  /**
   * Title, description, visibility. `topic.updated` goes to the group's and the topic's streams; when the topic
   * becomes group-only, the realtime gateway re-checks everyone following it or its threads and drafts live.
   */
  async update(caller: Caller, topicId: string, dto: UpdateTopicDto): Promise<TopicPayload> {
    if (dto.title === undefined && dto.description === undefined && dto.visibility === undefined) {
      throw AppError.validation('Give at least one of title, description, visibility');
    }
    await this.policy.assert(caller, 'moderate', 'topic', topicId, 'Topic');
    return this.uow.run(async (tx) => {
      const topic = await tx.manager.findOneOrFail(TopicEntity, {
        where: { id: topicId },
        lock: { mode: 'pessimistic_write' },
      });
      if (dto.title !== undefined) topic.title = dto.title;
      if (dto.description !== undefined) topic.description = dto.description;
      if (dto.visibility !== undefined) topic.visibility = dto.visibility;
      await tx.manager.save(topic);
      const view = topicView(topic);
      tx.append(streamName('group', topic.groupId), 'topic.updated', { topic: view }, caller.id);
      tx.append(streamName('topic', topicId), 'topic.updated', { topic: view }, caller.id);
      return view;
    });
  }

  async get(caller: Caller, topicId: string): Promise<TopicPayload> {
    await this.policy.assert(caller, 'read', 'topic', topicId, 'Topic');
    return topicView(await this.dataSource.getRepository(TopicEntity).findOneByOrFail({ id: topicId }));
  }

  /** A group's topics (members), or for outsiders only its network topics — if it has any. */
  async listOfGroup(caller: Caller, groupId: string): Promise<{ items: TopicPayload[]; nextCursor: null }> {
    const scope = await this.policy.scopeOf('group', groupId);
    const access = scope ? await this.policy.accessTo(caller, scope) : null;
    const all = !!access?.read;
    const rows = await this.dataSource.getRepository(TopicEntity).find({
      where: all ? { groupId } : { groupId, visibility: 'network' },
      order: { createdAt: 'ASC' },
    });
    if (!all && rows.length === 0) {
      await this.policy.assert(caller, 'read', 'group', groupId, 'Group');
    }
    return { items: rows.map(topicView), nextCursor: null };
  }

  /** Topics the caller can see across groups: their groups' topics and every network topic. */
  async listVisible(caller: Caller): Promise<{ items: TopicPayload[]; nextCursor: null }> {
    const rows: Array<{ id: string }> = caller.isAdmin
      ? await this.dataSource.query(`SELECT id FROM topics ORDER BY created_at`)
      : await this.dataSource.query(
          `SELECT t.id FROM topics t WHERE t.visibility = 'network'
             OR t.group_id IN (SELECT group_id FROM group_members WHERE user_id = $1)
           ORDER BY t.created_at`,
          [caller.id],
        );
    const topics = await this.dataSource.getRepository(TopicEntity).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(topics.map((t) => [t.id, t]));
    return { items: rows.map((r) => topicView(byId.get(r.id)!)), nextCursor: null };
  }
}
