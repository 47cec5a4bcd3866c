import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { streamName, UnitOfWork } from '@runde/events';
import type { Caller } from '@runde/identity';
import { UsersService } from '@runde/identity';
import { AppError } from '@runde/platform';
import { CreateGroupDto, UpdateGroupDto } from './dto/group.dto';
import { GroupEntity } from './entities/group.entity';
import { MembershipEntity, type Role } from './entities/membership.entity';
import { memberView } from './members/member-view';
import { AccessPolicy } from './policy/access-policy';

export interface GroupView {
  id: string;
  name: string;
  description: string;
  myRole: Role | null;
  memberCount: number;
  createdAt: string;
}

@Injectable()
export class GroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly users: UsersService,
  ) {}

  private async view(group: GroupEntity, myRole: Role | null): Promise<GroupView> {
    const memberCount = await this.dataSource.getRepository(MembershipEntity).countBy({ groupId: group.id });
    return {
      id: group.id,
      name: group.name,
      description: group.description,
      myRole,
      memberCount,
      createdAt: group.createdAt.toISOString(),
    };
  }

  async create(caller: Caller, dto: CreateGroupDto): Promise<GroupView> {
    const group = await this.uow.run(async (tx) => {
      const group = await tx.manager.save(
        tx.manager.create(GroupEntity, {
          name: dto.name,
          description: dto.description ?? '',
          createdBy: caller.id,
        }),
      );
      const membership = await tx.manager.save(
        tx.manager.create(MembershipEntity, { groupId: group.id, userId: caller.id, role: 'owner' }),
      );
      const person = (await this.users.people([caller.id], tx.manager)).get(caller.id)!;
      tx.append(
        streamName('group', group.id),
        'member.added',
        { groupId: group.id, member: memberView(membership, person) },
        caller.id,
      );
      return group;
    });
    return this.view(group, 'owner');
  }

  /** The caller's groups (with `?all=true` a platform admin sees every group). */
  async listFor(caller: Caller, all: boolean): Promise<{ items: GroupView[]; nextCursor: null }> {
    if (all && !caller.isAdmin) throw AppError.forbidden('Only platform administrators may list all groups');
    const rows: Array<{ id: string; role: Role | null }> = all
      ? await this.dataSource.query(
          `SELECT g.id, m.role FROM groups g LEFT JOIN group_members m ON m.group_id = g.id AND m.user_id = $1 ORDER BY g.name`,
          [caller.id],
        )
      : await this.dataSource.query(
          `SELECT g.id, m.role FROM groups g JOIN group_members m ON m.group_id = g.id AND m.user_id = $1 ORDER BY g.name`,
          [caller.id],
        );
    const groups = await this.dataSource.getRepository(GroupEntity).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(groups.map((g) => [g.id, g]));
    const items = await Promise.all(rows.map((r) => this.view(byId.get(r.id)!, r.role)));
    return { items, nextCursor: null };
  }

  async get(caller: Caller, groupId: string): Promise<GroupView> {
    const access = await this.policy.assert(caller, 'read', 'group', groupId, 'Group');
    const group = await this.dataSource.getRepository(GroupEntity).findOneByOrFail({ id: groupId });
    return this.view(group, access.role);
  }

  async update(caller: Caller, groupId: string, dto: UpdateGroupDto): Promise<GroupView> {
    const access = await this.policy.assert(caller, 'grantRoles', 'group', groupId, 'Group');
    const group = await this.uow.run(async (tx) => {
      const group = await tx.manager.findOneByOrFail(GroupEntity, { id: groupId });
      if (dto.name !== undefined) group.name = dto.name;
      if (dto.description !== undefined) group.description = dto.description;
      await tx.manager.save(group);
      tx.append(
        streamName('group', groupId),
        'group.updated',
        { group: { id: group.id, name: group.name, description: group.description } },
        caller.id,
      );
      return group;
    });
    return this.view(group, access.role);
  }
}
