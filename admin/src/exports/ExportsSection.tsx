import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ExportButton } from './ExportButton';
import { EXPORTS } from './download';

/** Settings → Exports (staff): each CSV the API offers, what is in it, and a button that downloads it. */
export function ExportsSection() {
  return (
    <Box component="section" aria-labelledby="exports-heading">
      <Typography id="exports-heading" variant="h6" component="h2" gutterBottom>
        Exports
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 760 }}>
        The program's records as CSV (UTF-8, a header row), for reports and spreadsheets outside Waypoint. Each file is
        made when you press its button, from what the database holds then.
      </Typography>
      <Stack component="ul" spacing={2} sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {EXPORTS.map((e) => (
          <Box component="li" key={e.name} data-testid="export" sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Box sx={{ flex: '1 1 320px', minWidth: 0 }}>
              <Typography variant="body1" sx={{ fontWeight: 500 }}>
                {e.title}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {e.description}
              </Typography>
            </Box>
            <ExportButton name={e.name} label={`Download ${e.title.toLowerCase()}`} />
          </Box>
        ))}
      </Stack>
    </Box>
  );
}
