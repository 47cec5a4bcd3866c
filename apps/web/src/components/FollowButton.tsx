import { useEffect, useState } from 'preact/hooks';
import { all, api, optional } from '../lib/api';
import { t, useLocale } from '../lib/i18n';

/** Follow / unfollow a thread or topic (notifications of new posts or threads). Hidden where not offered. */
export function FollowButton({ type, id }: { type: 'thread' | 'topic'; id: string }) {
  useLocale();
  const [following, setFollowing] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    optional(all<{ targetId: string }>(`/me/follows?type=${type}`))
      .then((list) => live && setFollowing(list ? list.some((f) => f.targetId === id) : null))
      .catch(() => live && setFollowing(null));
    return () => void (live = false);
  }, [type, id]);
  if (following === null) return null;
  const toggle = async () => {
    setBusy(true);
    try {
      await api(following ? 'DELETE' : 'POST', `/${type}s/${id}/follow`);
      setFollowing(!following);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" aria-pressed={following} disabled={busy} onClick={() => void toggle()}>
      {following ? t('unfollow') : t('follow')}
    </button>
  );
}
