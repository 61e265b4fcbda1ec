import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';

/** react-admin's English, in the words coaches use. */
const messages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    notification: {
      ...englishMessages.ra.notification,
      created: 'Added',
      updated: 'Changes saved |||| %{smart_count} records changed',
    },
  },
  resources: {
    learners: { name: 'Learner |||| Learners' },
    users: { name: 'User |||| Users' },
    'review-queue': { name: 'Review queue |||| Review queue' },
    meetings: { name: '1:1 meeting |||| 1:1 meetings' },
    events: { name: 'Event |||| Events' },
  },
};

export const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ locale: 'en', name: 'English' }], {
  allowMissing: true,
});
