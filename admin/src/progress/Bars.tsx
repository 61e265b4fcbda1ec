import Box from '@mui/material/Box';

/**
 * A small bar chart out of plain boxes: one bar per entry, heights relative to the largest.
 * The numbers are in the label (for screen readers) and each bar's tooltip.
 */
export function Bars(props: {
  values: { key: string; value: number; title: string }[];
  label: string;
  height?: number;
  barWidth?: number;
  color?: string;
  /** The value of a full-height bar (default: the largest given). */
  max?: number;
}) {
  const { height = 24, barWidth = 6, color = 'primary.main' } = props;
  const max = props.max ?? Math.max(1, ...props.values.map((v) => v.value));
  return (
    <Box
      role="img"
      aria-label={props.label}
      sx={{ display: 'inline-flex', alignItems: 'flex-end', gap: '2px', height, verticalAlign: 'middle' }}
    >
      {props.values.map((v) => (
        <Box
          key={v.key}
          title={v.title}
          sx={{
            width: `${barWidth}px`,
            // An empty day still shows as a 1px stub, so the strip keeps its shape. Pixels as strings: a bare 1 in sx means 100%.
            height: `${v.value ? Math.max(3, Math.round((v.value / max) * height)) : 1}px`,
            bgcolor: v.value ? color : 'divider',
            borderRadius: '1px',
          }}
        />
      ))}
    </Box>
  );
}
