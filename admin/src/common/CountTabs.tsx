import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';

/** Saved views as tabs, each with its count once known; `alert` colors one view's count when it is above 0. */
export function CountTabs<T extends string>(props: {
  value: T;
  onChange: (value: T) => void;
  views: readonly { id: T; label: string }[];
  counts?: Partial<Record<T, number>>;
  alert?: { id: T; color: string };
  idPrefix: string;
  controls: string;
  label: string;
}) {
  return (
    <Tabs
      value={props.value}
      onChange={(_, value: T) => props.onChange(value)}
      variant="scrollable"
      scrollButtons="auto"
      aria-label={props.label}
      sx={{ px: 1, borderBottom: 1, borderColor: 'divider' }}
    >
      {props.views.map((v) => {
        const count = props.counts?.[v.id];
        return (
          <Tab
            key={v.id}
            value={v.id}
            id={`${props.idPrefix}-${v.id}`}
            aria-controls={props.controls}
            label={
              <span>
                {v.label}
                {count !== undefined && (
                  <Box
                    component="span"
                    sx={{ ml: 0.75, color: props.alert?.id === v.id && count > 0 ? props.alert.color : 'text.secondary', fontWeight: 400 }}
                  >
                    {count}
                  </Box>
                )}
              </span>
            }
          />
        );
      })}
    </Tabs>
  );
}
