import { useCallback, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';

const TEMPLATE_KEY = ['scheduleTemplate'];

/** The live schedule template; react-admin's refresh button reloads it too. */
export function useScheduleTemplate() {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: TEMPLATE_KEY,
    queryFn: async () => (await dataProvider.getScheduleTemplate()).data,
  });
}

/**
 * Runs changes to the template. After each one, success or not, the template is
 * read again, so the page always shows what the server holds.
 */
export function useScheduleChanges() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [pending, setPending] = useState(false);

  /** For dialogs: rejects with the API's error, so the dialog can show it next to its field. */
  const apply = useCallback(
    async (change: () => Promise<unknown>, success: string) => {
      setPending(true);
      try {
        await change();
        if (success) notify(success, { type: 'success' });
      } finally {
        await queryClient.invalidateQueries({ queryKey: TEMPLATE_KEY });
        setPending(false);
      }
    },
    [notify, queryClient],
  );

  /** For one-click changes (move, delete): an error becomes a notification. */
  const attempt = useCallback(
    async (change: () => Promise<unknown>, success?: string) => {
      try {
        await apply(change, success ?? '');
      } catch (error) {
        notify(readApiError(error).message, { type: 'error', multiLine: true });
        return false;
      }
      return true;
    },
    [apply, notify],
  );

  return { apply, attempt, pending };
}
