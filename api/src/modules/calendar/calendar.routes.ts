import express from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { routeFailure } from '../../common/http';
import { CalendarService } from './calendar.service';

/** The calendar module's REST route: a person's secret iCalendar feed (unguessable token in the path, only its hash stored). */
export function calendarRoutes(deps: { em: () => EntityManager; clock: Clock; log: Logger }): express.Router {
  const router = express.Router();
  const failed = routeFailure(deps.log, (res) => res.status(503).type('text/plain').send('The calendar is unavailable right now; try again shortly.'));
  router.get('/calendar/:file', async (req, res) => {
    try {
      const match = /^([A-Za-z0-9_-]+)\.ics$/.exec(req.params.file);
      const body = match ? await new CalendarService(deps.em(), () => deps.clock.now()).feed(match[1]) : null;
      if (!body) {
        res.status(404).type('text/plain').send('No calendar at this address. Make a new one in Waypoint (regenerateCalendarFeed).');
        return;
      }
      res.setHeader('cache-control', 'private, max-age=300');
      res.type('text/calendar; charset=utf-8').send(body);
    } catch (e) {
      failed(req, res, e);
    }
  });
  return router;
}
