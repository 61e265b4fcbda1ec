import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';
import { readApiError } from '../common/apiErrors';
import { FormActions, FormError } from '../common/FormDialog';

const Snippets = graphql(`
  query myFeedbackSnippets { myFeedbackSnippets { id title body } }
`);
const SaveSnippet = graphql(`
  mutation saveFeedbackSnippet($title: String!, $body: String!) { saveFeedbackSnippet(title: $title, body: $body) { id } }
`);
const DeleteSnippet = graphql(`
  mutation deleteFeedbackSnippet($id: ID!) { deleteFeedbackSnippet(id: $id) { id } }
`);

type Snippet = { id: string; title: string; body: string };

/**
 * The coach's own saved feedback: insert one into the feedback (added after what is written), save what is written as
 * a new one, or delete one. Each coach has their own; a title used twice is refused on the title.
 */
export function FeedbackSnippets({ body, onInsert }: { body: string; onInsert: (text: string) => void }) {
  const menuId = useId();
  const [snippets, setSnippets] = useState<Snippet[]>([]);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [saving, setSaving] = useState<{ title: string; error?: string; busy?: boolean } | null>(null);

  const load = useCallback(async () => {
    try {
      setSnippets((await read(Snippets)).myFeedbackSnippets);
    } catch {
      setSnippets([]);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!saving || saving.busy) return;
    setSaving({ ...saving, busy: true, error: undefined });
    try {
      await mutate(SaveSnippet, { title: saving.title, body });
      setSaving(null);
      await load();
    } catch (e) {
      setSaving({ title: saving.title, error: readApiError(e).message });
    }
  };

  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
      <Button size="small" aria-controls={anchor ? menuId : undefined} aria-haspopup="menu" onClick={(e) => setAnchor(e.currentTarget)} disabled={!snippets.length}>
        Insert a snippet{snippets.length ? ` (${snippets.length})` : ''}
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {snippets.map((s) => (
          <MenuItem
            key={s.id}
            onClick={() => {
              onInsert(s.body);
              setAnchor(null);
            }}
          >
            {s.title}
          </MenuItem>
        ))}
        {snippets.map((s) => (
          <MenuItem
            key={`delete-${s.id}`}
            sx={{ color: 'error.main', typography: 'body2' }}
            onClick={async () => {
              setAnchor(null);
              if (!window.confirm(`Delete the snippet "${s.title}"?`)) return;
              await mutate(DeleteSnippet, { id: s.id }).catch(() => undefined);
              await load();
            }}
          >
            Delete {s.title}
          </MenuItem>
        ))}
      </Menu>
      <Button size="small" onClick={() => setSaving({ title: '' })} disabled={!body.trim()}>
        Save as a snippet
      </Button>
      <Dialog open={!!saving} onClose={() => setSaving(null)} aria-labelledby={`${menuId}-save`}>
        <DialogTitle id={`${menuId}-save`}>Save this feedback as a snippet</DialogTitle>
        <DialogContent>
          <Stack component="form" spacing={2} onSubmit={save} noValidate sx={{ pt: 1 }}>
            <TextField
              label="Snippet title"
              value={saving?.title ?? ''}
              onChange={(e) => setSaving({ title: e.target.value })}
              required
              autoFocus
              error={!!saving?.error}
              helperText={saving?.error ?? 'A short name to find it by, e.g. "Measurable goals".'}
            />
            <FormError message={null} />
            <FormActions onClose={() => setSaving(null)} saving={!!saving?.busy} submitLabel="Save snippet" />
          </Stack>
        </DialogContent>
      </Dialog>
    </Stack>
  );
}
