import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS, RedisKeys } from '@runde/platform';

export interface PresenceEntry {
  userId: string;
  displayName: string;
  serverId: string;
}

const HEARTBEAT_SECONDS = 30;

/**
 * Who is on a thread or draft, across every api process. Entries live in one Redis hash per stream, tagged with
 * the process that holds the socket; a process keeps a heartbeat key alive, and any process removes the entries
 * of a process whose heartbeat has run out — so a crashed process leaves no ghosts behind.
 */
@Injectable()
export class PresenceService {
  readonly serverId = randomUUID();
  private readonly logger = new Logger('Presence');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  private streamKey(stream: string) {
    return this.keys.key('rt', 'presence', stream);
  }
  private serverKey(serverId: string) {
    return this.keys.key('rt', 'server', serverId);
  }
  private serverStreamsKey(serverId: string) {
    return this.keys.key('rt', 'server-streams', serverId);
  }

  private beating = false;

  async heartbeat(): Promise<void> {
    await this.redis.set(this.serverKey(this.serverId), '1', 'EX', HEARTBEAT_SECONDS);
    this.beating = true;
  }

  async join(stream: string, socketId: string, entry: Omit<PresenceEntry, 'serverId'>): Promise<void> {
    if (!this.beating) await this.heartbeat();
    await this.redis
      .multi()
      .hset(this.streamKey(stream), socketId, JSON.stringify({ ...entry, serverId: this.serverId }))
      .sadd(this.serverStreamsKey(this.serverId), stream)
      .exec();
  }

  async leave(stream: string, socketId: string): Promise<void> {
    await this.redis.hdel(this.streamKey(stream), socketId);
  }

  /** The distinct people on a stream whose process is alive, sorted by name. */
  async users(stream: string): Promise<Array<{ id: string; displayName: string }>> {
    const all = await this.redis.hgetall(this.streamKey(stream));
    const entries = Object.values(all).map((v) => JSON.parse(v) as PresenceEntry);
    const servers = [...new Set(entries.map((e) => e.serverId))];
    const alive = new Set<string>([this.serverId]);
    if (servers.length) {
      const beats = await this.redis.mget(...servers.map((s) => this.serverKey(s)));
      servers.forEach((s, i) => beats[i] && alive.add(s));
    }
    const byUser = new Map<string, string>();
    for (const e of entries) if (alive.has(e.serverId)) byUser.set(e.userId, e.displayName);
    return [...byUser.entries()]
      .map(([id, displayName]) => ({ id, displayName }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'de'));
  }

  /** Removes the entries of processes that stopped beating; returns the streams whose presence changed. */
  async sweepDeadServers(): Promise<string[]> {
    const changed: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.serverStreamsKey('*'), 'COUNT', 200);
      cursor = next;
      for (const key of keys) {
        const serverId = key.slice(key.lastIndexOf(':') + 1);
        if (serverId === this.serverId || (await this.redis.exists(this.serverKey(serverId)))) continue;
        const streams = await this.redis.smembers(key);
        for (const stream of streams) {
          const all = await this.redis.hgetall(this.streamKey(stream));
          const dead = Object.entries(all)
            .filter(([, v]) => (JSON.parse(v) as PresenceEntry).serverId === serverId)
            .map(([socketId]) => socketId);
          if (dead.length) {
            await this.redis.hdel(this.streamKey(stream), ...dead);
            changed.push(stream);
          }
        }
        await this.redis.del(key);
        this.logger.log({ serverId, streams: streams.length }, 'removed presence of a stopped api process');
      }
    } while (cursor !== '0');
    return changed;
  }

  /** On shutdown: this process's sockets are gone. */
  async removeOwn(): Promise<string[]> {
    const streams = await this.redis.smembers(this.serverStreamsKey(this.serverId));
    for (const stream of streams) {
      const all = await this.redis.hgetall(this.streamKey(stream));
      const own = Object.entries(all)
        .filter(([, v]) => (JSON.parse(v) as PresenceEntry).serverId === this.serverId)
        .map(([socketId]) => socketId);
      if (own.length) await this.redis.hdel(this.streamKey(stream), ...own);
    }
    await this.redis.del(this.serverStreamsKey(this.serverId), this.serverKey(this.serverId));
    return streams;
  }
}
