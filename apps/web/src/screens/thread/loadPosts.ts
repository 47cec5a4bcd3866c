import { api } from '../../lib/api';
import type { Post } from '../../lib/types';

export async function loadPosts(threadId: string): Promise<Post[]> {
  const posts: Post[] = [];
  let after = 0;
  for (;;) {
    const page = await api<{ items: Post[]; nextCursor: string | null }>(
      'GET',
      `/threads/${threadId}/posts?after=${after}&limit=100`,
    );
    posts.push(...page.items);
    if (!page.nextCursor || !page.items.length) return posts;
    after = Number(page.nextCursor);
  }
}
