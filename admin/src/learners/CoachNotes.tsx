import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useRecordContext } from 'react-admin';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { useViewer } from '../common/useViewer';

const NotesQuery = graphql(`
  query coachNotes($id: ID!) {
    Learner(id: $id) { id coachNotes { id body createdAt updatedAt author { id name } } }
  }
`);
const AddNote = graphql(`
  mutation addCoachNote($learnerId: ID!, $body: String!) { addCoachNote(learnerId: $learnerId, body: $body) { id } }
`);
const UpdateNote = graphql(`
  mutation updateCoachNote($id: ID!, $body: String!) { updateCoachNote(id: $id, body: $body) { id } }
`);
const DeleteNote = graphql(`
  mutation deleteCoachNote($id: ID!) { deleteCoachNote(id: $id) { id } }
`);

type Note = { id: string; body: string; createdAt: string; updatedAt: string; author: { id: string; name: string } };

const MAX = 5000;

/**
 * A coach's private notes on the learner (coaches and staff read them; the learner never does): newest first, a box to
 * add one, and each author's own edit and delete (staff may delete any). Errors show under the field they concern.
 */
export function CoachNotes() {
  const record = useRecordContext<{ id: string }>();
  const { id: me, isStaff } = useViewer();
  const headingId = useId();
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState<{ id: string; body: string; error?: string } | null>(null);

  const load = useCallback(async () => {
    if (!record?.id) return;
    try {
      const { Learner } = await read(NotesQuery, { id: String(record.id) });
      setNotes((Learner?.coachNotes as Note[] | null) ?? []);
      setLoadError(null);
    } catch (e) {
      setLoadError(readApiError(e).message);
    }
  }, [record?.id]);
  useEffect(() => void load(), [load]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!draft.trim()) return setError('Write the note first.');
    setSaving(true);
    setError(null);
    try {
      await mutate(AddNote, { learnerId: String(record!.id), body: draft });
      setDraft('');
      await load();
    } catch (e) {
      setError(readApiError(e).message);
    } finally {
      setSaving(false);
    }
  };

  const saveEdit = async () => {
    if (!editing) return;
    try {
      await mutate(UpdateNote, { id: editing.id, body: editing.body });
      setEditing(null);
      await load();
    } catch (e) {
      setEditing({ ...editing, error: readApiError(e).message });
    }
  };

  const remove = async (note: Note) => {
    if (!window.confirm('Delete this note? This cannot be undone.')) return;
    try {
      await mutate(DeleteNote, { id: note.id });
      await load();
    } catch (e) {
      setLoadError(readApiError(e).message);
    }
  };

  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId}>
      <CardContent>
        <Typography variant="h6" component="h2" id={headingId} gutterBottom>
          Coach notes
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Private to coaches and staff: the learner never sees them.
        </Typography>
        <Stack component="form" spacing={1} onSubmit={add} noValidate aria-label="Add a coach note" sx={{ mb: 2 }}>
          <TextField
            label="New note"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            multiline
            minRows={2}
            fullWidth
            error={!!error || draft.length > MAX}
            helperText={error ?? (draft.length > MAX ? `At most ${MAX.toLocaleString()} characters (${draft.length.toLocaleString()} now).` : ' ')}
          />
          <div>
            <Button type="submit" variant="contained" disabled={saving || draft.length > MAX}>
              Save note
            </Button>
          </div>
        </Stack>
        {loadError && (
          <Typography role="alert" color="error" variant="body2">
            {loadError}
          </Typography>
        )}
        {notes && notes.length === 0 && <Typography variant="body2">No notes yet.</Typography>}
        <Stack component="ul" spacing={1.5} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Notes">
          {notes?.map((note) => (
            <li key={note.id}>
              {editing?.id === note.id ? (
                <Stack spacing={1}>
                  <TextField
                    label="Edit note"
                    value={editing.body}
                    onChange={(e) => setEditing({ id: note.id, body: e.target.value })}
                    multiline
                    minRows={2}
                    fullWidth
                    error={!!editing.error}
                    helperText={editing.error ?? ' '}
                  />
                  <Stack direction="row" spacing={1}>
                    <Button size="small" variant="contained" onClick={() => void saveEdit()}>
                      Save
                    </Button>
                    <Button size="small" onClick={() => setEditing(null)}>
                      Cancel
                    </Button>
                  </Stack>
                </Stack>
              ) : (
                <>
                  <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                    {note.body}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {note.author.name}, {formatDateTime(note.createdAt)}
                    {note.updatedAt !== note.createdAt ? ` (edited ${formatDateTime(note.updatedAt)})` : ''}
                  </Typography>
                  <Stack direction="row" spacing={1}>
                    {note.author.id === me && (
                      <Button size="small" onClick={() => setEditing({ id: note.id, body: note.body })} aria-label={`Edit note of ${formatDateTime(note.createdAt)}`}>
                        Edit
                      </Button>
                    )}
                    {(note.author.id === me || isStaff) && (
                      <Button size="small" color="error" onClick={() => void remove(note)} aria-label={`Delete note of ${formatDateTime(note.createdAt)}`}>
                        Delete
                      </Button>
                    )}
                  </Stack>
                </>
              )}
            </li>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
