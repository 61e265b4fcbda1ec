import { useId, useState, type FormEvent, type ReactNode } from 'react';
import SendIcon from '@mui/icons-material/Send';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { ShortcutHint } from '../common/ShortcutHint';
import { FeedbackSnippets } from './FeedbackSnippets';
import type { FeedbackDecision } from './types';

export const MAX_FEEDBACK = 20_000;

export interface FeedbackDraft {
  decision: FeedbackDecision | '';
  body: string;
}

export interface FeedbackFormProps {
  draft: FeedbackDraft;
  onDraftChange: (draft: FeedbackDraft) => void;
  submitLabel: string;
  /** rejects when nothing was sent; the caller shows why */
  onSubmit: (decision: FeedbackDecision, body: string) => Promise<void>;
  onCancel?: () => void;
  /** shown above the buttons, e.g. why the last attempt failed */
  notice?: ReactNode;
}

/**
 * The decision and the words for the learner. The draft lives with the caller, so it
 * survives a reload of the submission (after a conflict) and a failed attempt.
 */
export function FeedbackForm({ draft, onDraftChange, submitLabel, onSubmit, onCancel, notice }: FeedbackFormProps) {
  const [sending, setSending] = useState(false);
  const [touched, setTouched] = useState(false);
  const decisionId = useId();
  const body = draft.body.trim();
  const decisionMissing = draft.decision === '';
  const bodyMissing = body.length === 0;
  const tooLong = draft.body.length > MAX_FEEDBACK;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (decisionMissing || bodyMissing || tooLong || sending) return;
    setSending(true);
    try {
      await onSubmit(draft.decision as FeedbackDecision, body);
    } catch {
      // the caller shows what went wrong (notice)
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label={submitLabel}>
      <FormControl error={touched && decisionMissing} required>
        <FormLabel id={decisionId}>Decision</FormLabel>
        <RadioGroup
          aria-labelledby={decisionId}
          value={draft.decision}
          onChange={(e) => onDraftChange({ ...draft, decision: e.target.value as FeedbackDecision })}
        >
          <FormControlLabel value="APPROVED" control={<Radio />} label="Approve: good as it is" />
          <FormControlLabel value="NEEDS_WORK" control={<Radio />} label="Request changes: the learner revises and resubmits" />
        </RadioGroup>
        {touched && decisionMissing && <FormHelperText>Choose a decision.</FormHelperText>}
      </FormControl>
      <FeedbackSnippets body={draft.body} onInsert={(text) => onDraftChange({ ...draft, body: draft.body.trim() ? `${draft.body.trimEnd()}\n\n${text}` : text })} />
      <TextField
        label="Feedback to the learner"
        value={draft.body}
        onChange={(e) => onDraftChange({ ...draft, body: e.target.value })}
        onKeyDown={(e) => {
          // Ctrl+Enter sends, as in most review tools.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
        required
        multiline
        minRows={5}
        maxRows={18}
        fullWidth
        error={(touched && bodyMissing) || tooLong}
        helperText={
          tooLong
            ? `At most ${MAX_FEEDBACK.toLocaleString()} characters (${draft.body.length.toLocaleString()} now).`
            : touched && bodyMissing
              ? 'Write what the learner should keep or change.'
              : (
                  <>
                    The learner reads this with the decision.<ShortcutHint> Ctrl+Enter sends.</ShortcutHint>
                  </>
                )
        }
      />
      {notice}
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" startIcon={<SendIcon />} disabled={sending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={sending}>
            Cancel
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
