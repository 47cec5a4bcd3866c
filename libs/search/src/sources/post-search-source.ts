import type { SearchSource } from './search-source';
import { readableTopic, SEARCH_SQL } from './search-sql';

/** Post bodies; hidden and deleted posts are never found. */
export const postSearchSource: SearchSource = {
  type: 'post',
  headline: 'MaxWords=35, MinWords=15',
  markdown: true,
  sql: `
    SELECT p.id, p.thread_id, t.topic_id, topic.group_id, t.title, p.seq, p.author_id, p.created_at,
           ts_rank(to_tsvector('german', p.body), ${SEARCH_SQL.query}) AS rank, p.body AS text
      FROM posts p
      JOIN threads t ON t.id = p.thread_id
      JOIN topics topic ON topic.id = t.topic_id
     WHERE to_tsvector('german', p.body) @@ ${SEARCH_SQL.query}
       AND NOT p.hidden
       AND p.deleted_at IS NULL
       AND ${readableTopic('topic')}`,
};
