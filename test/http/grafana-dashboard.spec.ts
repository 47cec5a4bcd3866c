import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Grafana dashboard in docker/ queries only series runde exposes (names kept in step with Metrics). */
describe('docker/grafana/runde-dashboard.json', () => {
  const dashboard = JSON.parse(
    readFileSync(join(__dirname, '../../docker/grafana/runde-dashboard.json'), 'utf8'),
  ) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const known = [
    'runde_http_requests_total',
    'runde_http_request_duration_seconds_bucket',
    'runde_socket_connections',
    'runde_queue_jobs',
    'runde_event_lag_seconds_bucket',
    'runde_jobs_failed_total',
  ];

  it('has a panel for each named series, and no query of an unknown one', () => {
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    for (const name of known) expect(exprs.some((e) => e.includes(name))).toBe(true);
    for (const e of exprs) for (const used of e.match(/runde_[a-z_]+/g) ?? []) expect(known).toContain(used);
  });
});
