import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorView, Loading, Section, useAsync, useId } from '../../components/common';
import { api } from '../../lib/api';
import { formatClock, t, useLocale } from '../../lib/i18n';
import { useStream } from '../../lib/live';
import { session } from '../../lib/session';
import { mayModerate, type Group } from '../../lib/types';
import { CompletenessBoard } from './Completeness';
import { DistrictMap } from './DistrictMap';
import {
  fieldLabel,
  MEASURES,
  REGIERUNGSBEZIRKE,
  type Completeness,
  type Measure,
  type Period,
  type Release,
  type Rollup,
  type Round,
  type Signal,
  type TrendRow,
} from './model';
import { loadNeedsRoles, type NeedsRoles } from './nav';
import { RollupTable } from './RollupTable';
import { SignalList, type Names } from './Signals';
import { TrendChart } from './TrendChart';
import './needs.css';

interface RegisterEntry {
  id: string;
  name: string;
  kind: string;
  kreisschluessel: string | null;
}

/**
 * "Bedarfsradar": a round's period and a field of action on the map of the 44 districts (with its table), the
 * roll-up by Regierungsbezirk and for the Land, the field's course over the periods, who reported, and the early
 * signals. Live from `needs` (and, for the ministry, its own organisation's stream, where signals resting on
 * ministry-only entries arrive): releases, signals and periods re-read what they change.
 */
export function RadarScreen() {
  useLocale();
  const base = useAsync(async () => {
    const [roles, rounds, register, groups] = await Promise.all([
      loadNeedsRoles(),
      api<{ items: Round[] }>('GET', '/needs/rounds').then((r) => r.items),
      api<{ items: RegisterEntry[] }>('GET', '/organisations').then((r) => r.items),
      api<Group[] | { items: Group[] }>('GET', '/groups').then((g) => (Array.isArray(g) ? g : g.items)),
    ]);
    return { roles, rounds, register, groups };
  }, []);
  if (base.error !== undefined) return <ErrorView error={base.error} onRetry={base.reload} />;
  if (!base.data) return <Loading />;
  return <Radar {...base.data} reloadRounds={base.reload} />;
}

function Radar(props: {
  roles: NeedsRoles;
  rounds: Round[];
  register: RegisterEntry[];
  groups: Group[];
  reloadRounds: () => void;
}) {
  const { roles, rounds } = props;
  const id = useId('radar');
  const [roundId, setRoundId] = useState(rounds[0]?.id ?? '');
  const round = rounds.find((r) => r.id === roundId);
  const [periodId, setPeriodId] = useState('');
  const [field, setField] = useState(round?.fields[0] ?? 'sprache');
  const [measure, setMeasure] = useState<Measure>('reports');
  const [trendKey, setTrendKey] = useState('BW');
  const [tick, setTick] = useState(0);
  const [signalTick, setSignalTick] = useState(0);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);

  const periods = useAsync(
    () =>
      roundId
        ? api<{ items: Period[] }>('GET', `/needs/rounds/${roundId}/periods`).then((r) => r.items)
        : Promise.resolve([] as Period[]),
    [roundId, tick],
  );
  const period = periods.data?.find((p) => p.id === periodId) ?? periods.data?.[0];
  useEffect(() => {
    if (round && !round.fields.includes(field)) setField(round.fields[0]);
  }, [roundId]);

  const data = useAsync(async () => {
    if (!period || !round) return null;
    const q = `field=${encodeURIComponent(field)}&periodId=${period.id}`;
    const [district, rb, land, completeness, trend] = await Promise.all([
      api<Rollup>('GET', `/needs/rollup?${q}&level=district`),
      api<Rollup>('GET', `/needs/rollup?${q}&level=regierungsbezirk`),
      api<Rollup>('GET', `/needs/rollup?${q}&level=land`),
      api<Completeness>('GET', `/needs/periods/${period.id}/completeness`),
      api<{ items: TrendRow[] }>(
        'GET',
        `/needs/rounds/${round.id}/trend?field=${encodeURIComponent(field)}&level=${
          trendKey === 'BW' ? 'land' : 'regierungsbezirk'
        }&key=${encodeURIComponent(trendKey)}`,
      ).then((r) => r.items),
    ]);
    setUpdatedAt(Date.now());
    return { district, rb, land, completeness, trend };
  }, [period?.id, field, trendKey, tick]);

  const signals = useAsync(
    () => api<{ items: Signal[] }>('GET', '/needs/signals').then((r) => r.items),
    [signalTick],
  );
  const [signalList, setSignalList] = useState<Signal[] | null>(null);
  useEffect(() => {
    if (signals.data) setSignalList(signals.data);
  }, [signals.data]);
  const upsertSignal = (signal: Signal) =>
    setSignalList((list) => {
      const rest = (list ?? []).filter((s) => s.id !== signal.id);
      return [signal, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    });

  // Re-reading after live events, debounced: a burst of releases reads once. The roll-up is materialised by the
  // worker after the release event is out, so a release reads again a little later as well.
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const later = (key: string, ms: number, fn: () => void) => {
    const old = timers.current.get(key);
    if (old) clearTimeout(old);
    timers.current.set(
      key,
      setTimeout(() => {
        timers.current.delete(key);
        fn();
      }, ms),
    );
  };
  useEffect(() => () => timers.current.forEach((timer) => clearTimeout(timer)), []);
  const refresh = () => setTick((n) => n + 1);

  const handlers = {
    onEvent: (event: { type: string; data: unknown }) => {
      switch (event.type) {
        case 'needs_report.released': {
          const release = event.data as Release;
          if (release.periodId && release.periodId !== period?.id) return;
          later('data', 600, refresh);
          later('data-again', 3000, refresh);
          break;
        }
        case 'needs_signal.raised':
        case 'needs_signal.updated':
          upsertSignal((event.data as { signal: Signal }).signal);
          // A signal is raised after the roll-up it rests on has committed: it is current now.
          later('data', 300, refresh);
          break;
        case 'needs_period.opened':
        case 'needs_period.closed':
          later('periods', 300, () => {
            props.reloadRounds();
            refresh();
          });
          break;
      }
    },
    onResync: () => {
      refresh();
      setSignalTick((n) => n + 1);
    },
  };
  useStream('needs', handlers);
  const ministryOrg = roles.memberships.find((m) => m.organisation.kind === 'ministry')?.organisation.id;
  useStream(ministryOrg ? `organisation:${ministryOrg}` : null, handlers);

  const names: Names = useMemo(
    () => ({
      districts: new Map(
        props.register.filter((o) => o.kreisschluessel).map((o) => [o.kreisschluessel!, o.name]),
      ),
      organisations: new Map(props.register.map((o) => [o.id, o.name])),
    }),
    [props.register],
  );
  const topicGroups = props.groups.filter((g) => mayModerate(g.myRole, false));

  const fieldName = fieldLabel(field);
  return (
    <div class="page n-radar">
      <h1>{t('nRadarTitle')}</h1>
      <p class="lead">{roles.ministry ? t('nRadarLeadMinistry') : t('nRadarLeadNetwork')}</p>
      <ul class="n-actions">
        {roles.reporter && (
          <li>
            <a class="button-link" href="#/bedarfe/melden">
              {t('nGoReport')}
            </a>
          </li>
        )}
        {roles.steer && (
          <>
            <li>
              <a class="button-link" href="#/bedarfe/runden/neu">
                {t('nNewRound')}
              </a>
            </li>
            <li>
              <a href="#/bedarfe/regeln">{t('nRulesTitle')}</a>
            </li>
          </>
        )}
      </ul>
      {!rounds.length ? (
        <p class="muted">{roles.steer ? t('nNoRoundsSteer') : t('nNoRounds')}</p>
      ) : (
        <>
          <form class="n-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('nChoose')}>
            <div class="field">
              <label for={`${id}-round`}>{t('nRound')}</label>
              <select
                id={`${id}-round`}
                value={roundId}
                onChange={(e) => {
                  setRoundId((e.target as HTMLSelectElement).value);
                  setPeriodId('');
                }}
              >
                {rounds.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`${id}-period`}>{t('nPeriod')}</label>
              <select
                id={`${id}-period`}
                value={period?.id ?? ''}
                onChange={(e) => setPeriodId((e.target as HTMLSelectElement).value)}
              >
                {(periods.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label} ({t(`nPeriod_${p.status}`)})
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`${id}-field`}>{t('nField')}</label>
              <select
                id={`${id}-field`}
                value={field}
                onChange={(e) => setField((e.target as HTMLSelectElement).value)}
              >
                {(round?.fields ?? []).map((f) => (
                  <option key={f} value={f}>
                    {fieldLabel(f)}
                  </option>
                ))}
              </select>
            </div>
            <fieldset class="n-measures">
              <legend>{t('nMeasure')}</legend>
              {MEASURES.map((m) => (
                <label key={m} class="checkbox">
                  <input
                    type="radio"
                    name={`${id}-measure`}
                    value={m}
                    checked={measure === m}
                    onChange={() => setMeasure(m)}
                  />{' '}
                  {t(`nMeasure_${m}`)}
                </label>
              ))}
            </fieldset>
          </form>
          <p class="n-live muted" role="status" aria-live="polite">
            {updatedAt ? t('nUpdatedAt', { time: formatClock(updatedAt) }) : ''}
          </p>
          {periods.error !== undefined && <ErrorView error={periods.error} onRetry={periods.reload} />}
          {data.error !== undefined && <ErrorView error={data.error} onRetry={data.reload} />}
          {!period && periods.data && <p class="muted">{t('nNoPeriods')}</p>}
          {data.data && (
            <>
              <Section title={t('nMapTitle', { field: fieldName })}>
                <DistrictMap
                  rows={data.data.district.items}
                  measure={measure}
                  caption={t('nMapCaption', {
                    field: fieldName,
                    period: period?.label ?? '',
                    measure: t(`nMeasure_${measure}`),
                  })}
                />
                {data.data.district.audience === 'network' && <p class="hint">{t('nNetworkOnly')}</p>}
              </Section>
              <Section title={t('nRollupTitle')}>
                <RollupTable
                  rb={data.data.rb.items}
                  land={data.data.land.items[0] ?? null}
                  caption={t('nRollupCaption', { field: fieldName, period: period?.label ?? '' })}
                />
              </Section>
              <Section title={t('nTrendTitle', { field: fieldName })}>
                <div class="field n-trend-key">
                  <label for={`${id}-trend`}>{t('nTrendWhere')}</label>
                  <select
                    id={`${id}-trend`}
                    value={trendKey}
                    onChange={(e) => setTrendKey((e.target as HTMLSelectElement).value)}
                  >
                    <option value="BW">{t('nLand')}</option>
                    {REGIERUNGSBEZIRKE.map((rb) => (
                      <option key={rb} value={rb}>
                        {t('nRbName', { name: rb })}
                      </option>
                    ))}
                  </select>
                </div>
                <TrendChart
                  rows={data.data.trend}
                  measure={measure}
                  caption={t('nTrendCaption', {
                    field: fieldName,
                    measure: t(`nMeasure_${measure}`),
                    where: trendKey === 'BW' ? t('nLand') : t('nRbName', { name: trendKey }),
                  })}
                />
              </Section>
              <Section title={t('nCompleteness')}>
                <CompletenessBoard data={data.data.completeness} />
              </Section>
            </>
          )}
        </>
      )}
      <Section title={t('nSignals')}>
        {signals.error !== undefined && <ErrorView error={signals.error} onRetry={signals.reload} />}
        {signalList && (
          <SignalList
            signals={signalList}
            names={names}
            groups={session.user?.isAdmin ? props.groups : topicGroups}
            ministry={roles.ministry}
            onChange={upsertSignal}
          />
        )}
      </Section>
    </div>
  );
}
